import rule from '../../compiler/rules/rtcp-relay-forward-mode.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a relay without a target takes binds',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'forwarding and binding on two separate relay services of one host',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420/:18080 -L relay://:8421?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8421
      `,
    },
  ],
  invalid: [
    {
      name: 'the relay forwards to its own target, so the bind never opens a port',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420/:18080?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
      errors: [{ line: 11, column: 14, message: /a relay in forward mode/, host: 'gw' }],
    },
    {
      name: 'a native relay with a forwarder block',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            config:
              services:
                - name: relay
                  addr: :8420
                  handler: { type: relay, metadata: { bind: true } }
                  listener: { type: tcp }
                  forwarder:
                    nodes:
                      - { name: web, addr: "127.0.0.1:8080" }
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rudp://0.0.0.0:1053/10.0.0.53:53 -F relay://203.0.113.10:8420
      `,
      errors: [{ line: 19, column: 14, message: /binds through service relay on relay/ }],
    },
  ],
});
