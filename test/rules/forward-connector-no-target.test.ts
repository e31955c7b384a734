import rule from '../../compiler/rules/forward-connector-no-target.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the forward server has its own target',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          server:
            addresses: { internet: 203.0.113.80 }
            gost: -L forward+tls://:8443/203.0.113.81:80
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080 -F forward+tls://203.0.113.80:8443
      `,
    },
    {
      name: 'a forward node in front of a proxy handler whose client speaks that proxy protocol',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          server:
            addresses: { internet: 203.0.113.80 }
            gost: -L https://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://127.0.0.1:8080 -F forward+tls://203.0.113.80:8443
      `,
    },
  ],
  invalid: [
    {
      name: 'the forward server was left without its target',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          server:
            addresses: { internet: 203.0.113.80 }
            gost: -L forward+tls://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080 -F forward+tls://203.0.113.80:8443
      `,
      errors: [{ line: 10, column: 29, message: /forward node node-0 drops the target address/ }],
    },
    {
      name: 'a native tcp connector dials a tcp forwarder without a target',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          server:
            addresses: { internet: 203.0.113.80 }
            config:
              services:
                - name: fwd
                  addr: :9000
                  handler: { type: tcp }
                  listener: { type: tcp }
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: local
                  addr: :8080
                  handler: { type: tcp, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: server
                          addr: 203.0.113.80:9000
                          connector: { type: tcp }
      `,
      errors: [
        {
          line: 28,
          column: 32,
          message: /tcp node server drops the target address, but service fwd on server/,
        },
      ],
    },
  ],
});
