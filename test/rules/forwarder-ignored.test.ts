import rule from '../../compiler/rules/forwarder-ignored.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a tcp handler uses its forwarder',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: web
                  addr: :8080
                  handler: { type: tcp }
                  listener: { type: tcp }
                  forwarder:
                    nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
    },
    {
      name: 'command-line tcp and relay services with a target path use it',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:1080/203.0.113.80:80 -L relay://:8420/203.0.113.80:80
      `,
    },
  ],
  invalid: [
    {
      name: 'a native socks5 handler with a forwarder',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: socks
                  addr: :1080
                  handler: { type: socks5 }
                  listener: { type: tcp }
                  forwarder:
                    nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
      errors: [{ line: 13, column: 11, message: /socks5 handler ignores forwarders/, host: 'gw' }],
    },
    {
      name: 'a service without a handler block runs auto, which ignores its forwarder',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: proxy
                  addr: :8080
                  forwarder: { hop: backends }
              hops:
                - name: backends
                  nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
      errors: [{ line: 11, column: 11, message: /auto handler ignores forwarders/ }],
    },
  ],
});
