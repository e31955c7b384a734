import rule from '../../compiler/rules/relay-bind-empty-host.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the wildcard host written out',
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
      name: 'a port-only bind through socks5, and a local rtcp listener',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          proxy:
            addresses: { internet: 203.0.113.20 }
            gost: -L socks5://u:p@:1080?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://:2222/10.0.0.3:22 -F socks5://u:p@203.0.113.20:1080 -- -L rtcp://:3333/10.0.0.3:22
      `,
    },
  ],
  invalid: [
    {
      name: 'rtcp://:2222 through a relay',
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
            gost: -L rtcp://:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
      errors: [
        { line: 11, column: 21, message: /binds ":2222" through a relay node without a host/, host: 'gw' },
      ],
    },
    {
      name: 'a native rudp service on ":1053" with a relay listener chain',
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
            config:
              services:
                - name: dns
                  addr: :1053
                  handler: { type: rudp }
                  listener: { type: rudp, chain: up }
                  forwarder:
                    nodes: [{ name: dns, addr: "10.0.0.53:53" }]
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes: [{ name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }]
      `,
      errors: [{ line: 14, column: 11, message: /write 0.0.0.0:1053|binds ":1053"/ }],
    },
  ],
});
