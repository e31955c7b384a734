import rule from '../../compiler/rules/unknown-type.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'registered types, including aliases',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            config:
              services:
                - name: socks
                  addr: :1080
                  handler: { type: socks }
                  listener: { type: mwss }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes: [{ name: n, addr: "203.0.113.10:8420", connector: { type: socks4a }, dialer: { type: h2c } }]
      `,
    },
    {
      name: 'an empty connector type falls back to http, and the command line falls back by itself',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            gost: -L socks5://:1081
            config:
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes: [{ name: n, addr: "203.0.113.10:8080", connector: { type: "" } }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a capitalised handler type (registry names are case-sensitive)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
            config:
              services:
                - name: relay
                  addr: :8420
                  handler:
                    type: Relay
                  listener: { type: tcp }
      `,
      errors: [
        {
          line: 12,
          column: 13,
          message:
            /handler type "Relay", which gost does not register: it fails with "unregistered handler: Relay"/,
          host: 'a',
        },
      ],
    },
    {
      name: 'misspelt dialer and connector types',
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
                  hops:
                    - name: hop-0
                      nodes:
                        - name: n
                          addr: 203.0.113.10:443
                          connector: { type: sock5 }
                          dialer: { type: wsss }
      `,
      errors: [
        { line: 15, column: 32, message: /connector type "sock5"/ },
        { line: 16, column: 29, message: /dialer type "wsss"/ },
      ],
    },
  ],
});
