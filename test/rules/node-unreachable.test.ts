import rule from '../../compiler/rules/node-unreachable.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a client behind NAT dials a public relay by name',
      code: yaml`
        name: t
        networks:
          internet: {}
          home: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            names: [relay.example.com]
            gost: -L relay://:8420
          laptop:
            addresses: { home: 192.168.0.10 }
            gost: -L http://127.0.0.1:8080 -F relay://relay.example.com:8420
      `,
    },
    {
      name: '127.0.0.1 in hop 2 is the loopback of the hop-1 server, where a socks5 proxy listens',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420 -- -L socks5://127.0.0.1:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420 -F socks5://127.0.0.1:1080
      `,
    },
    {
      name: 'hop 2 on a private network is reached from the hop-1 server on that network',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          edge:
            addresses: { internet: 203.0.113.1, dc: 10.0.0.1 }
            gost: -L relay://:8420
          inner:
            addresses: { dc: 10.0.0.2 }
            gost: -L socks5://:1080
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
                    - name: edge
                      nodes:
                        - { name: edge, addr: "203.0.113.1:8420", connector: { type: relay } }
                    - name: inner
                      nodes:
                        - { name: inner, addr: "10.0.0.2:1080", connector: { type: socks5 } }
      `,
    },
  ],
  invalid: [
    {
      name: 'the private address of another site is behind its NAT',
      code: yaml`
        name: t
        networks:
          internet: {}
          branch: { nat: internet }
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.10.0.1 }
            gost: -L relay://:8420
          branch-host:
            addresses: { branch: 172.16.5.10 }
            gost: -L http://127.0.0.1:8080 -F relay://10.10.0.1:8420
      `,
      errors: [{ line: 12, column: 47, message: /cannot be reached from branch-host: .*behind NAT/ }],
    },
    {
      name: '127.0.0.1 in hop 2 means the hop-1 server, where nothing listens on that port',
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
            gost: -L http://127.0.0.1:8080 -L socks5://127.0.0.1:1080 -F relay://203.0.113.10:8420 -F socks5://127.0.0.1:1080
      `,
      errors: [
        {
          line: 10,
          column: 104,
          message: /from relay \(the server of hop 0, which dials hop 1\): nothing listens on tcp\/1080/,
        },
      ],
    },
    {
      name: 'a native node dials a port where nothing listens',
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
            config:
              services:
                - name: local
                  addr: 127.0.0.1:8080
                  handler: { type: http, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: relay
                          addr: 203.0.113.10:8421
                          connector: { type: relay }
      `,
      errors: [{ line: 22, column: 19, message: /nothing listens on tcp\/8421 on relay/ }],
    },
  ],
});
