import rule from '../../compiler/rules/undefined-hop.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'command-line hops are inline, never references',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420 -F socks5://203.0.113.11:1080
      `,
    },
    {
      name: 'a chain hop that refers to a defined top-level hop',
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
                  handler: { type: http, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: relays
              hops:
                - name: relays
                  nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: relay } }]
      `,
    },
    {
      name: 'a forwarder that refers to a defined hop',
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
                  forwarder: { hop: backends }
              hops:
                - name: backends
                  nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a chain hop without nodes names no defined hop',
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
                  handler: { type: http, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: relays
      `,
      errors: [{ line: 16, column: 15, message: /hop "relays", which is not defined/, host: 'laptop' }],
    },
    {
      name: 'a forwarder hop that is not defined',
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
                    hop: backend
      `,
      errors: [{ line: 14, column: 13, message: /hop "backend"/ }],
    },
  ],
});
