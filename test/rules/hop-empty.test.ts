import rule from '../../compiler/rules/hop-empty.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a command-line chain always has a hop with nodes',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420 -F socks5://203.0.113.11:1080,203.0.113.12:1080
      `,
    },
    {
      name: 'a chain whose hops have nodes, and a hop filled by reference',
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
                    - name: first
                      nodes: [{ name: a, addr: "203.0.113.10:8420", connector: { type: relay } }]
                    - name: shared
              hops:
                - name: shared
                  nodes: [{ name: b, addr: "203.0.113.11:1080", connector: { type: socks5 } }]
      `,
    },
    {
      name: 'an empty forwarder on a handler that ignores forwarders is not this rule',
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
                  forwarder: { nodes: [] }
      `,
    },
  ],
  invalid: [
    {
      name: 'a chain without hops and an inline hop without nodes',
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
                    - name: first
                      nodes: [{ name: a, addr: "203.0.113.10:8420", connector: { type: relay } }]
                    - name: second
                      nodes: []
                - name: spare
                  hops: []
      `,
      errors: [
        {
          line: 19,
          column: 15,
          message:
            /hop second of chain up on laptop has no nodes: the chain is cut off there and the previous hop/,
        },
        { line: 21, column: 11, message: /chain spare on laptop has no hops/ },
      ],
    },
    {
      name: 'a tcp forwarder and a top-level hop without nodes',
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
                    nodes: []
              hops:
                - name: spare
                  nodes: []
      `,
      errors: [
        { line: 14, column: 13, message: /the tcp handler has nothing to forward to/ },
        { line: 17, column: 11, message: /hop spare on gw has no nodes/ },
      ],
    },
  ],
});
