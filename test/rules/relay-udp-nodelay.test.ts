import rule from '../../compiler/rules/relay-udp-nodelay.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'UDP through a relay node without nodelay',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          dns:
            addresses: { dc: 10.0.0.53 }
            apps:
              dns: { listen: udp/53 }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:1053/10.0.0.53:53?keepalive=true -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'nodelay only on the process group that carries TCP',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          dc-host:
            addresses: { dc: 10.0.0.53 }
            apps:
              dns: { listen: udp/53 }
              ssh: { listen: tcp/22, kind: banner }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: >-
              -L tcp://:2222/10.0.0.53:22 -F relay://203.0.113.10:8420?nodelay=true
              -- -L udp://:1053/10.0.0.53:53 -F relay://203.0.113.10:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'a command-line udp forward through a relay node with nodelay',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          dns:
            addresses: { dc: 10.0.0.53 }
            apps:
              dns: { listen: udp/53 }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:1053/10.0.0.53:53 -F relay://203.0.113.10:8420?nodelay=true
      `,
      errors: [
        { line: 15, column: 68, message: /forwards UDP through relay node node-0, which has nodelay=true/ },
      ],
    },
    {
      name: 'a native udp forwarder whose relay node sets nodelay',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420?nodelay=true
          dns:
            addresses: { dc: 10.0.0.53 }
            apps:
              dns: { listen: udp/53 }
          branch:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: dns
                  addr: :1053
                  handler: { type: udp, chain: up }
                  listener: { type: udp }
                  forwarder:
                    nodes:
                      - { name: dns, addr: "10.0.0.53:53" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: relay
                          addr: 203.0.113.10:8420
                          connector: { type: relay, metadata: { nodelay: "true" } }
      `,
      errors: [{ line: 31, column: 57, host: 'branch' }],
    },
  ],
});
