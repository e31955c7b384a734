import rule from '../../compiler/rules/target-no-listener.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a target app on the forwarder host network',
      code: yaml`
        name: t
        networks:
          internet: {}
          lan: { nat: internet }
        hosts:
          gw:
            addresses: { internet: 203.0.113.2, lan: 192.168.1.1 }
            gost: -L tcp://:8080/192.168.1.10:80
          web:
            addresses: { lan: 192.168.1.10 }
            apps:
              http: { listen: tcp/80, kind: http }
      `,
    },
    {
      name: 'a target behind NAT is dialled by the last chain server, which is on that network',
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
            gost: -L tcp://:8080/10.0.0.80:80 -F relay://203.0.113.10:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'nothing listens on the target port',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:8080/203.0.113.10:81
          web:
            addresses: { internet: 203.0.113.10 }
            apps:
              http: { listen: tcp/80, kind: http }
      `,
      errors: [{ line: 7, column: 26, message: /dialled from gw: nothing listens on tcp\/81 on web/ }],
    },
    {
      name: 'the relay dials a target behind the office NAT',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420
          db:
            addresses: { office: 10.0.0.3 }
            apps:
              ssh: { listen: tcp/22, kind: banner }
          gw:
            addresses: { office: 10.0.0.2 }
            config:
              services:
                - name: ssh
                  addr: :2222
                  handler: { type: tcp, chain: up }
                  listener: { type: tcp }
                  forwarder:
                    nodes:
                      - name: db
                        addr: 10.0.0.3:22
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - { name: relay, addr: "203.0.113.10:8420", connector: { type: relay } }
      `,
      errors: [{ line: 24, column: 17, message: /dialled from relay: db is on the private network office/ }],
    },
  ],
});
