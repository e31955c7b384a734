import rule from '../../compiler/rules/open-proxy.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'an authenticated relay on the internet, and an open proxy on loopback',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://gost:secret@:8420?bind=true -L socks5://127.0.0.1:1080
      `,
    },
    {
      name: 'open proxies on a private network only, or limited by an admission, or forwarding to one target',
      code: yaml`
        name: t
        networks:
          internet: {}
          lan: { nat: internet }
        hosts:
          office-proxy:
            addresses: { lan: 192.168.1.2 }
            gost: -L socks5://:1080
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L relay://:8420/192.168.1.2:1080
            config:
              services:
                - name: guarded
                  addr: :3128
                  admission: office
                  handler: { type: http }
                  listener: { type: tcp }
              admissions:
                - { name: office, whitelist: true, matchers: [198.51.100.0/24] }
      `,
    },
  ],
  invalid: [
    {
      name: 'a relay on the internet without credentials, with bind=true',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420?bind=true
      `,
      errors: [
        {
          line: 7,
          column: 14,
          message: /proxies for anyone on internet: .* open ports on relay/,
          host: 'relay',
        },
      ],
    },
    {
      name: 'an anonymous sshd server and a user without a password',
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
                  listener: { type: sshd }
                - name: http
                  addr: 127.0.0.1:8080
                  handler:
                    type: http
                    auth: { username: admin }
                  listener: { type: tcp }
      `,
      errors: [
        { line: 12, column: 23, message: /accepts anonymous SSH logins from internet/ },
        { line: 17, column: 13, message: /user "admin" of service http on ssh has no password/ },
      ],
    },
  ],
});
