import rule from '../../compiler/rules/undefined-chain.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the command line names its generated chain',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'a chain group of defined chains',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: local
                  addr: 127.0.0.1:8080
                  handler:
                    type: http
                    chainGroup: { chains: [a, b] }
                  listener: { type: tcp }
              chains:
                - name: a
                  hops: [{ name: h, nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: relay } }] }]
                - name: b
                  hops: [{ name: h, nodes: [{ name: n, addr: "203.0.113.11:8420", connector: { type: relay } }] }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a handler chain that is not defined',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: local
                  addr: 127.0.0.1:8080
                  handler: { type: http, chain: chain-1 }
                  listener: { type: tcp }
              chains:
                - name: chain-0
                  hops: [{ name: h, nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: relay } }] }]
      `,
      errors: [{ line: 11, column: 34, message: /chain "chain-1", which is not defined/, host: 'laptop' }],
    },
    {
      name: 'names are per process: a chain of the command-line process is unknown to the native config',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420
            config:
              services:
                - name: ssh
                  addr: 0.0.0.0:2222
                  handler: { type: rtcp }
                  listener: { type: rtcp, chain: chain-0 }
                  forwarder:
                    nodes: [{ name: ssh, addr: "10.0.0.3:22" }]
      `,
      errors: [{ line: 14, column: 35, message: /chain "chain-0"/ }],
    },
  ],
});
