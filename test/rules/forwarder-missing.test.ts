import rule from '../../compiler/rules/forwarder-missing.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'port forwards with targets',
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
            gost: -L tcp://:8080/10.0.0.3:80 -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'without targets, through a relay that forwards to its own target',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420/:53
          client:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:1053 -L tcp://:2222 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'without a target, a sniffing tcp handler takes the destination from the traffic',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:8080?sniffing=true
      `,
    },
  ],
  invalid: [
    {
      name: 'an rtcp service without a target',
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
            gost: -L rtcp://0.0.0.0:2222 -F relay://203.0.113.10:8420
      `,
      errors: [
        { line: 11, column: 14, message: /rtcp handler but has no target: .*node not available/, host: 'gw' },
      ],
    },
    {
      name: 'a tcp forward without a target or a chain dials :0',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:8080
      `,
      errors: [{ line: 7, column: 14, message: /dials the placeholder address :0 directly/ }],
    },
    {
      name: 'a native tcp forward without a target asks its socks5 node for :0',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1080
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: fwd
                  addr: :8080
                  handler: { type: tcp, chain: up }
                  listener: { type: tcp }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: proxy, addr: "203.0.113.6:1080", connector: { type: socks5 } }
      `,
      errors: [
        {
          line: 14,
          column: 22,
          message: /asks the socks5 server of node proxy for the placeholder address :0/,
        },
      ],
    },
  ],
});
