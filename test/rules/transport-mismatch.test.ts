import rule from '../../compiler/rules/transport-mismatch.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'relay+wss on both sides',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+wss://:443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+wss://203.0.113.10:443
      `,
    },
    {
      name: 'a native node without a dialer block dials tcp, as the server listens',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1080
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
                        - { name: proxy, addr: "203.0.113.6:1080", connector: { type: socks5 } }
      `,
    },
  ],
  invalid: [
    {
      name: 'wss against a tls listener',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+tls://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+wss://203.0.113.10:8443
      `,
      errors: [{ line: 10, column: 45, message: /wss dialer dials .* which listens with tls/ }],
    },
    {
      name: 'a native tls dialer against an mtls listener',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+mtls://:8443
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
                          addr: 203.0.113.10:8443
                          connector: { type: relay }
                          dialer: { type: tls }
      `,
      errors: [{ line: 24, column: 29, message: /multiplexed \(smux\) session/ }],
    },
  ],
});
