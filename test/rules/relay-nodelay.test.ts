import rule from '../../compiler/rules/relay-nodelay.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a server-first target through a relay node with nodelay',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          ssh:
            addresses: { dc: 10.0.0.22 }
            apps:
              sshd: { listen: tcp/22, kind: banner }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:2222/10.0.0.22:22 -F relay://203.0.113.10:8420?nodelay=true
      `,
    },
    {
      name: 'nodelay on both sides for a client-first target',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420?nodelay=true
          web:
            addresses: { dc: 10.0.0.80 }
            apps:
              http: { listen: tcp/80, kind: http }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080/10.0.0.80:80 -F relay://203.0.113.10:8420?nodelay=true
      `,
    },
  ],
  invalid: [
    {
      name: 'SSH through a relay node without nodelay stalls',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          ssh:
            addresses: { dc: 10.0.0.22 }
            apps:
              sshd: { listen: tcp/22, kind: banner }
          branch:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:2222/10.0.0.22:22 -F relay://203.0.113.10:8420
      `,
      errors: [{ line: 15, column: 50, message: /server-first app sshd .* without nodelay/ }],
    },
    {
      name: 'a native node with nodelay towards a relay that holds its response, for a client-first app',
      code: yaml`
        name: t
        networks:
          internet: {}
          dc: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10, dc: 10.0.0.1 }
            gost: -L relay://:8420
          web:
            addresses: { dc: 10.0.0.80 }
            apps:
              http: { listen: tcp/80, kind: http }
          branch:
            addresses: { internet: 198.51.100.7 }
            config:
              services:
                - name: web
                  addr: :8080
                  handler: { type: tcp, chain: up }
                  listener: { type: tcp }
                  forwarder:
                    nodes:
                      - { name: web, addr: "10.0.0.80:80" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: relay
                          addr: 203.0.113.10:8420
                          connector:
                            type: relay
                            metadata:
                              nodelay: true
      `,
      errors: [{ line: 34, column: 23, message: /has nodelay=true but service service-0 on relay does not/ }],
    },
    {
      name: 'an intermediate relay hop with nodelay deadlocks the next handshake',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          proxy:
            addresses: { internet: 203.0.113.20 }
            gost: -L socks5://:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420?nodelay=true -F socks5://203.0.113.20:1080
      `,
      errors: [{ line: 13, column: 65, message: /hop 0 of chain chain-0\) has nodelay=true/ }],
    },
  ],
});
