import rule from '../../compiler/rules/forward-node-intermediate.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a forward node as the last hop',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          server:
            addresses: { internet: 203.0.113.80 }
            gost: -L forward+tls://:8443/203.0.113.81:80
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080 -F relay://203.0.113.10:8420 -F forward+tls://203.0.113.80:8443
      `,
    },
    {
      name: "an intermediate forward node whose server forwards to the next hop's server",
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          front:
            addresses: { internet: 203.0.113.5 }
            gost: -L tcp://:9000/203.0.113.10:8420
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F tcp://203.0.113.5:9000 -F relay://203.0.113.10:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'an intermediate forward node whose server forwards somewhere else than the next hop',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          front:
            addresses: { internet: 203.0.113.5 }
            gost: -L tcp://:9000/203.0.113.11:8420
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          other:
            addresses: { internet: 203.0.113.11 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F tcp://203.0.113.5:9000 -F relay://203.0.113.10:8420
      `,
      errors: [{ line: 16, column: 39, message: /ignores the address of hop 1/, host: 'laptop' }],
    },
    {
      name: 'a native forward node in the first of two hops, towards a proxy',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L https://:8443
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: local
                  addr: 127.0.0.1:8080
                  handler: { type: http, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: first
                      nodes:
                        - name: proxy
                          addr: 203.0.113.6:8443
                          connector: { type: forward }
                          dialer: { type: tls }
                    - name: second
                      nodes:
                        - { name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }
      `,
      errors: [
        {
          line: 26,
          column: 32,
          message: /hop 0 of 2: a forward connector ignores the address of hop 1 \(second\)/,
        },
      ],
    },
  ],
});
