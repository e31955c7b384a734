import rule from '../../compiler/rules/udp-keepalive.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'keepalive on the command line, and DNS forwarded directly (one query, one answer)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L udp://:51820/203.0.113.9:51820?keepalive=true&ttl=60s -L udp://:1053/203.0.113.53:53
      `,
    },
    {
      name: 'native keepAlive (keys are case-insensitive), and rudp which always keeps sessions',
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
            gost: -L rudp://0.0.0.0:5000/10.0.0.9:5000 -F relay://203.0.113.10:8420
            config:
              services:
                - name: voip
                  addr: :5060
                  handler: { type: udp }
                  listener: { type: udp, metadata: { keepAlive: true } }
                  forwarder: { nodes: [{ name: pbx, addr: "10.0.0.9:5060" }] }
      `,
    },
  ],
  invalid: [
    {
      name: 'a WireGuard port forwarded without keepalive',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L udp://:51820/203.0.113.9:51820
      `,
      errors: [{ line: 7, column: 14, message: /a client session ends after the first reply/, host: 'gw' }],
    },
    {
      name: 'DNS through a relay chain without keepalive opens a tunnel per query',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: dns
                  addr: :1053
                  handler: { type: udp, chain: up }
                  listener:
                    type: udp
                    metadata: { keepalive: "false" }
                  forwarder: { nodes: [{ name: dns, addr: "203.0.113.53:53" }] }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes: [{ name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }]
      `,
      errors: [
        {
          line: 16,
          column: 13,
          message: /through a chain without keepalive: every exchange opens a new tunnel/,
        },
      ],
    },
  ],
});
