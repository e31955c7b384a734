import rule from '../../compiler/rules/connector-handler-mismatch.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'relay connector to a relay handler',
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
      name: 'a tcp forwarder with a target in front of a socks5 proxy passes the handshake through',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          front:
            addresses: { internet: 203.0.113.5 }
            gost: -L tcp://:1080/203.0.113.6:1080
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F socks5://203.0.113.5:1080
      `,
    },
    {
      name: 'an auto handler accepts a native socks4 connector',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L :1080
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
                        - name: proxy
                          addr: 203.0.113.6:1080
                          connector: { type: socks4 }
      `,
    },
  ],
  invalid: [
    {
      name: 'a socks5 node dials a relay server',
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
            gost: -L http://127.0.0.1:8080 -F socks5://203.0.113.10:8420
      `,
      errors: [{ line: 10, column: 39, message: /socks5 connector dials .* whose handler is relay/ }],
    },
    {
      name: 'a relay node reaches an http proxy through a tcp forwarder',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          front:
            addresses: { internet: 203.0.113.5 }
            gost: -L tcp://:8420/203.0.113.6:3128
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L http://:3128
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.5:8420
      `,
      errors: [
        {
          line: 13,
          column: 39,
          message: /relay connector dials service service-0 on proxy, whose handler is http/,
        },
      ],
    },
    {
      name: 'a native http connector dials a relay handler',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            config:
              services:
                - name: relay
                  addr: :8420
                  handler: { type: relay }
                  listener: { type: tcp }
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
                          addr: 203.0.113.10:8420
                          connector:
                            type: http
      `,
      errors: [{ line: 29, column: 21, host: 'laptop' }],
    },
  ],
});
