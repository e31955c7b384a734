import rule from '../../compiler/rules/route-cycle.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a two-hop chain through relays that dial directly',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          r1:
            addresses: { internet: 203.0.113.1 }
            gost: -L relay://:8420
          r2:
            addresses: { internet: 203.0.113.2 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.1:8420 -F relay://203.0.113.2:8420
      `,
    },
    {
      name: 'a proxy whose upstream chains to a third proxy, one way',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            gost: -L http://:8080 -F http://203.0.113.2:8080
          b:
            addresses: { internet: 203.0.113.2 }
            gost: -L http://:8080 -F socks5://203.0.113.3:1080
          c:
            addresses: { internet: 203.0.113.3 }
            gost: -L socks5://:1080
      `,
    },
    {
      name: 'a relay in forward mode that a client reaches through its own chain: the target leads elsewhere',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420/203.0.113.80:80
          web:
            addresses: { internet: 203.0.113.80 }
            apps:
              http: { listen: tcp/80, kind: http }
          client:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080 -F relay://203.0.113.10:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'two port forwards pointing at each other',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            gost: -L tcp://:8080/203.0.113.2:8080
          b:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:8080/203.0.113.1:8080
      `,
      errors: [
        {
          line: 7,
          column: 26,
          message:
            /connections loop: service service-0 on a -> service service-0 on b -> service service-0 on a/,
          host: 'a',
        },
      ],
    },
    {
      name: 'two http proxies whose chains point at each other',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            gost: -L http://:8080 -F http://203.0.113.2:8080
          b:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: proxy
                  addr: :8080
                  handler: { type: http, chain: back }
                  listener: { type: tcp }
              chains:
                - name: back
                  hops:
                    - name: hop-0
                      nodes:
                        - name: a
                          addr: 203.0.113.1:8080
                          connector: { type: http }
      `,
      errors: [
        {
          line: 7,
          column: 37,
          message: /service service-0 on a -> service proxy on b -> service service-0 on a/,
        },
      ],
    },
    {
      name: 'a forwarder whose target is its own port',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: loop
                  addr: :9000
                  handler: { type: tcp }
                  listener: { type: tcp }
                  forwarder:
                    nodes:
                      - { name: self, addr: "127.0.0.1:9000" }
      `,
      errors: [{ line: 15, column: 31, message: /service loop on gw -> service loop on gw/ }],
    },
  ],
});
