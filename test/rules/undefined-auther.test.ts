import rule from '../../compiler/rules/undefined-auther.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the auther is defined',
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
                  handler: { type: socks5, auther: users }
                  listener: { type: tcp }
              authers:
                - name: users
                  auths: [{ username: a, password: b }]
      `,
    },
    {
      name: 'inline credentials need no auther',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://a:b@:1080
      `,
    },
  ],
  invalid: [
    {
      name: 'a handler auther that is not defined',
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
                  handler: { type: socks5, auther: users }
                  listener: { type: tcp }
      `,
      errors: [{ line: 11, column: 36, message: /auther "users", which is not defined/, host: 'proxy' }],
    },
    {
      name: 'an sshd listener with an auther list naming a missing entry',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            config:
              services:
                - name: sshd
                  addr: :2222
                  handler: { type: sshd }
                  listener:
                    type: sshd
                    authers: [admins, ops]
              authers:
                - name: admins
                  auths: [{ username: root, password: x }]
      `,
      errors: [{ line: 14, column: 31, message: /auther "ops"/ }],
    },
  ],
});
