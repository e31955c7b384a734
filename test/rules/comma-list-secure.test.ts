import rule from '../../compiler/rules/comma-list-secure.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a comma list without secure',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://gw1.example.com:8443,gw2.example.com:8443
      `,
    },
    {
      name: 'secure on a single node verifies that node name',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://gw1.example.com:8443?secure=true
      `,
    },
    {
      name: 'native nodes each default to their own server name',
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
                    - name: gateways
                      nodes:
                        - { name: gw1, addr: "gw1.example.com:8443", connector: { type: relay }, dialer: { type: tls, tls: { secure: true } } }
                        - { name: gw2, addr: "gw2.example.com:8443", connector: { type: relay }, dialer: { type: tls, tls: { secure: true } } }
      `,
    },
  ],
  invalid: [
    {
      name: 'a command-line comma list with secure=true',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F "relay+tls://u:p@gw1.example.com:8443,gw2.example.com:8443?secure=true"
      `,
      errors: [
        { line: 7, column: 98, message: /"gw1.example.com:8443,gw2.example.com", the whole comma list/ },
      ],
    },
    {
      name: 'a native serverName holding a list',
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
                    - name: gateways
                      nodes:
                        - name: gw1
                          addr: gw1.example.com:443
                          connector: { type: relay }
                          dialer:
                            type: wss
                            tls: { secure: true, serverName: "gw1.example.com,gw2.example.com" }
      `,
      errors: [{ line: 23, column: 28, host: 'laptop' }],
    },
  ],
});
