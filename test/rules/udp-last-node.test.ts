import rule from '../../compiler/rules/udp-last-node.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'UDP through a relay node',
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
            gost: -L udp://:1053/203.0.113.53:53 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'a forward node over a udp dialer keeps datagrams',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          far:
            addresses: { internet: 203.0.113.10 }
            gost: -L udp://:1053/203.0.113.53:53
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:2053 -F forward+udp://203.0.113.10:1053
      `,
    },
  ],
  invalid: [
    {
      name: 'UDP through an ss node',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          ss:
            addresses: { internet: 203.0.113.10 }
            gost: -L ss://aes-128-gcm:pw@:8338
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:1053/203.0.113.53:53 -F ss://aes-128-gcm:pw@203.0.113.10:8338
      `,
      errors: [{ line: 10, column: 45, message: /network udp is unsupported/ }],
    },
    {
      name: 'a native udp forwarder through a forward node over tcp loses datagram boundaries',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          far:
            addresses: { internet: 203.0.113.10 }
            gost: -L tcp://:1053/203.0.113.53:53
          laptop:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: dns
                  addr: :1053
                  handler: { type: udp, chain: up }
                  listener: { type: udp }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: far, addr: "203.0.113.10:1053", connector: { type: forward } }
      `,
      errors: [{ line: 21, column: 72, message: /become a byte stream/ }],
    },
  ],
});
