import rule from '../../compiler/rules/transport-params-mismatch.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'both sides use the default WebSocket path',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+ws://:8080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+ws://203.0.113.10:8080
      `,
    },
    {
      name: 'a listener path ending in a slash accepts longer client paths',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+wss://:443?path=/tunnel/
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+wss://203.0.113.10:443?path=/tunnel/a
      `,
    },
  ],
  invalid: [
    {
      name: 'different WebSocket paths on the command line',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+ws://:8080?path=/tunnel
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+ws://203.0.113.10:8080?path=/ws-tunnel
      `,
      errors: [{ line: 10, column: 68, message: /WebSocket path differs: .* expects "\/tunnel"/ }],
    },
    {
      name: 'different kcp keys in native configs',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            config:
              services:
                - name: relay
                  addr: :8443
                  handler: { type: relay }
                  listener: { type: kcp, metadata: { kcp.key: alpha } }
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
                          dialer:
                            type: kcp
                            metadata:
                              kcp.key: beta
      `,
      errors: [
        { line: 32, column: 23, message: /kcp.key differs: .* expects "alpha", node relay sends "beta"/ },
      ],
    },
  ],
});
