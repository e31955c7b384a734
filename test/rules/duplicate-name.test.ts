import rule from '../../compiler/rules/duplicate-name.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'names repeat across processes and hosts, which have separate registries',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            gost: -L socks5://:1080
            config:
              services:
                - name: service-0
                  addr: :1081
                  handler: { type: socks5 }
                  listener: { type: tcp }
          b:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: service-0
                  addr: :1080
                  handler: { type: socks5 }
                  listener: { type: tcp }
      `,
    },
    {
      name: 'a chain and a hop may share a name (different registries)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            config:
              chains:
                - name: up
                  hops: [{ name: up }]
              hops:
                - name: up
                  nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: relay } }]
      `,
    },
  ],
  invalid: [
    {
      name: 'two services named alike in one config',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            config:
              services:
                - name: proxy
                  addr: :1080
                  handler: { type: socks5 }
                  listener: { type: tcp }
                - name: proxy
                  addr: :8080
                  handler: { type: http }
                  listener: { type: tcp }
      `,
      errors: [
        {
          line: 13,
          column: 11,
          message: /service name "proxy" is already taken .*"registry: duplicate object"/,
          host: 'a',
        },
      ],
    },
    {
      name: 'two authers and two hops named alike',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            config:
              authers:
                - { name: users, auths: [{ username: a, password: b }] }
                - { name: users, auths: [{ username: c, password: d }] }
              hops:
                - name: relays
                  nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: relay } }]
                - name: relays
                  nodes: [{ name: n, addr: "203.0.113.11:8420", connector: { type: relay } }]
      `,
      errors: [
        { line: 10, column: 13, message: /auther name "users"/ },
        { line: 14, column: 11, message: /hop name "relays"/ },
      ],
    },
  ],
});
