import rule from '../../compiler/rules/auth-mismatch.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the same credentials on both sides of a relay+tls hop',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+tls://gost:secret@:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://gost:secret@203.0.113.10:8443
      `,
    },
    {
      name: 'a native auther entry accepts the node user (empty password accepts any)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.20 }
            config:
              services:
                - name: socks
                  addr: :1080
                  handler: { type: socks5, auther: users }
                  listener: { type: tcp }
              authers:
                - name: users
                  auths:
                    - { username: alice, password: a1 }
                    - { username: bob }
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F socks5://bob:anything@203.0.113.20:1080
      `,
    },
    {
      name: 'a server without authentication accepts a client that sends credentials',
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
            gost: -L http://127.0.0.1:8080 -F relay://u:p@203.0.113.10:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'a wrong password on the command line is blamed on the node userinfo',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+tls://gost:secret@:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://gost:wrong@203.0.113.10:8443
      `,
      errors: [{ line: 10, column: 51, message: /password .* 2 Unauthorized/, host: 'laptop' }],
    },
    {
      name: 'a native node without credentials dials an http proxy that requires them',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.20 }
            gost: -L http://alice:pw@:8080
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: local
                  addr: 127.0.0.1:3128
                  handler: { type: http, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: proxy
                          addr: 203.0.113.20:8080
                          connector: { type: http }
      `,
      errors: [{ line: 22, column: 19, message: /sends no credentials.*407/ }],
    },
    {
      name: 'hop 2 is authenticated by the relay behind hop 1, not by hop 1',
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
            gost: -L socks5://admin:pw@:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.1:8420 -F socks5://admin:nope@10.0.0.2:1080
      `,
      errors: [{ line: 14, column: 76, message: /socks5 server rejects/ }],
    },
  ],
});
