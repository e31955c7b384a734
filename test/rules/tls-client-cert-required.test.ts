import rule from '../../compiler/rules/tls-client-cert-required.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'mutual TLS with a client certificate on the node',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L "relay+tls://:8443?certFile=srv.pem&keyFile=srv.key&caFile=ca.pem"
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F "relay+tls://203.0.113.10:8443?certFile=cli.pem&keyFile=cli.key"
      `,
    },
    {
      name: 'a listener CA without its own certificate is ignored by gost',
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
                  listener: { type: tls, tls: { caFile: ca.pem } }
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://203.0.113.10:8443
      `,
    },
  ],
  invalid: [
    {
      name: 'a command-line server with caFile and a client without a certificate',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L "relay+tls://:8443?certFile=srv.pem&keyFile=srv.key&caFile=ca.pem"
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+tls://203.0.113.10:8443
      `,
      errors: [
        {
          line: 10,
          column: 45,
          message: /presents no client certificate, but service service-0 on relay requires one/,
        },
      ],
    },
    {
      name: 'the top-level tls block with a CA applies to a listener without its own certificate',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            config:
              tls: { certFile: srv.pem, keyFile: srv.key, caFile: ca.pem }
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
                          dialer: { type: wss, tls: { secure: false } }
      `,
      errors: [{ line: 30, column: 29, host: 'laptop' }],
    },
  ],
});
