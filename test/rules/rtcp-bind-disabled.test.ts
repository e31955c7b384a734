import rule from '../../compiler/rules/rtcp-bind-disabled.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a relay server with bind=true',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'a native socks5 server with bind enabled in its metadata',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          proxy:
            addresses: { internet: 203.0.113.20 }
            config:
              services:
                - name: socks
                  addr: :1080
                  handler: { type: socks5, metadata: { bind: "1" } }
                  listener: { type: tcp }
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F socks5://203.0.113.20:1080
      `,
    },
    {
      name: 'rtcp without a chain listens locally and needs no server',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L rtcp://:2222/203.0.113.3:22
      `,
    },
  ],
  invalid: [
    {
      name: 'a relay server without bind=true, blamed on the rtcp service',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
      errors: [
        { line: 11, column: 14, message: /does not have bind=true: it answers 3 Forbidden/, host: 'gw' },
      ],
    },
    {
      name: 'a native rudp service binding through a socks5 server whose bind is "yes" (false for Go)',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          proxy:
            addresses: { internet: 203.0.113.20 }
            gost: -L socks5://:1080?bind=yes
          gw:
            addresses: { office: 10.0.0.2 }
            config:
              services:
                - name: dns
                  addr: 0.0.0.0:1053
                  handler: { type: rudp }
                  listener: { type: rudp, chain: up }
                  forwarder:
                    nodes:
                      - { name: dns, addr: "10.0.0.53:53" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: proxy, addr: "203.0.113.20:1080", connector: { type: socks5 } }
      `,
      errors: [{ line: 16, column: 23, message: /BIND is disabled/ }],
    },
  ],
});
