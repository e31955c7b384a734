import rule from '../../compiler/rules/udp-transport-not-first-hop.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'kcp on the first hop',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+kcp://:8443 -L socks5://:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+kcp://203.0.113.10:8443 -F socks5://203.0.113.10:1080
      `,
    },
    {
      name: 'quic after a relay hop whose server allows the UDP association (bind=true)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          r1:
            addresses: { internet: 203.0.113.1 }
            gost: -L relay://:8420?bind=true
          r2:
            addresses: { internet: 203.0.113.2 }
            gost: -L relay+quic://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.1:8420 -F relay+quic://203.0.113.2:8443
      `,
    },
  ],
  invalid: [
    {
      name: 'kcp after a relay hop without bind=true',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          r1:
            addresses: { internet: 203.0.113.1 }
            gost: -L relay://u:p@:8420
          r2:
            addresses: { internet: 203.0.113.2 }
            gost: -L relay+kcp://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://u:p@203.0.113.1:8420 -F relay+kcp://203.0.113.2:8443
      `,
      errors: [
        { line: 13, column: 77, message: /refuses the UDP association without bind=true/, host: 'laptop' },
      ],
    },
    {
      name: 'a native udp-dialer node in the second hop, and quic after an ss hop',
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
                    - name: first
                      nodes: [{ name: ss, addr: "203.0.113.1:8338", connector: { type: ss, auth: { username: aes-128-gcm, password: pw } } }]
                    - name: second
                      nodes:
                        - { name: q, addr: "203.0.113.2:8443", connector: { type: relay }, dialer: { type: quic } }
                        - { name: u, addr: "203.0.113.3:5000", connector: { type: forward }, dialer: { type: udp } }
      `,
      errors: [
        { line: 20, column: 94, message: /ss connector cannot carry a UDP association/ },
        {
          line: 21,
          column: 96,
          message: /reaches it with a TCP CONNECT, but the udp transport needs datagrams/,
        },
      ],
    },
  ],
});
