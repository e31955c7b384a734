import rule from '../../compiler/rules/tls-secure-untrusted.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'secure=true against a server with its own certificate',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            names: [relay.example.com]
            gost: -L "relay+tls://:8443?certFile=srv.pem&keyFile=srv.key"
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://relay.example.com:8443?secure=true
      `,
    },
    {
      name: 'a client CA pins the generated certificate, and without secure nothing is verified',
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
            gost: >-
              -L http://127.0.0.1:8080 -F "relay+tls://203.0.113.10:8443?secure=true&caFile=ca.pem"
              -- -L http://127.0.0.1:8081 -F relay+tls://203.0.113.10:8443
      `,
    },
  ],
  invalid: [
    {
      name: 'secure=true against the generated certificate',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            names: [relay.example.com]
            gost: -L relay+tls://:8443
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://relay.example.com:8443?secure=true
      `,
      errors: [{ line: 11, column: 74, message: /certificate signed by unknown authority/, host: 'laptop' }],
    },
    {
      name: 'a native wss dialer with secure against a native server without certFile',
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
                  addr: :443
                  handler: { type: relay }
                  listener: { type: wss }
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
                          addr: 203.0.113.10:443
                          connector: { type: relay }
                          dialer:
                            type: wss
                            tls:
                              secure: true
      `,
      errors: [{ line: 32, column: 23, message: /service relay on relay has no certFile/ }],
    },
  ],
});
