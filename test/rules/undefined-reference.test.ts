import rule from '../../compiler/rules/undefined-reference.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a bypass and a limiter defined in the same config',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            config:
              services:
                - name: socks
                  addr: :1080
                  bypass: private
                  limiter: slow
                  handler: { type: socks5 }
                  listener: { type: tcp }
              bypasses:
                - { name: private, matchers: [10.0.0.0/8] }
              limiters:
                - { name: slow, limits: ["$ 1MB 1MB"] }
      `,
    },
    {
      name: 'command-line bypass options become generated objects',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1080?bypass=10.0.0.0/8
      `,
    },
  ],
  invalid: [
    {
      name: 'an undefined service bypass',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            config:
              services:
                - name: socks
                  addr: :1080
                  bypass: private
                  handler: { type: socks5 }
                  listener: { type: tcp }
      `,
      errors: [{ line: 11, column: 11, message: /bypass "private", which is not defined: gost ignores it/ }],
    },
    {
      name: 'an undefined resolver on a chain node',
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
                    - name: hop-0
                      nodes:
                        - name: relay
                          addr: 203.0.113.10:8420
                          resolver: doh
                          connector: { type: relay }
      `,
      errors: [{ line: 20, column: 19, message: /resolver "doh"/ }],
    },
  ],
});
