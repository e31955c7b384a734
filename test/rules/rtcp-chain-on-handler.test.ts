import rule from '../../compiler/rules/rtcp-chain-on-handler.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the command line puts the chain on the rtcp listener',
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
      name: 'a native rtcp service with the chain on its listener (and a second chain on its handler)',
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
                - name: ssh
                  addr: 0.0.0.0:2222
                  handler: { type: rtcp, chain: up }
                  listener: { type: rtcp, chain: up }
                  forwarder:
                    nodes:
                      - { name: ssh, addr: "10.0.0.3:22" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }
      `,
    },
  ],
  invalid: [
    {
      name: 'a native rtcp service with the chain on its handler only',
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
                - name: ssh
                  addr: 0.0.0.0:2222
                  handler:
                    type: rtcp
                    chain: up
                  listener: { type: rtcp }
                  forwarder:
                    nodes:
                      - { name: ssh, addr: "10.0.0.3:22" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }
      `,
      errors: [{ line: 17, column: 13, message: /opens on gw itself/, host: 'gw' }],
    },
    {
      name: 'a native rudp service with the chain on its handler only',
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
                  addr: 0.0.0.0:1053
                  handler: { type: rudp, chain: up }
                  listener: { type: rudp }
                  forwarder:
                    nodes:
                      - { name: dns, addr: "10.0.0.53:53" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }
      `,
      errors: [{ line: 15, column: 34, message: /is rudp with chain up on its handler/ }],
    },
  ],
});
