import rule from '../../compiler/rules/privileged-port.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'listeners and remote binds on ports from 1024 up',
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
      name: 'apps are not gost: an app on port 80 is not reported',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          web:
            addresses: { internet: 203.0.113.80 }
            apps:
              http: { listen: tcp/80, kind: http }
      `,
    },
  ],
  invalid: [
    {
      name: 'a relay+wss service on port 443',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+wss://gost:pw@:443
      `,
      errors: [{ line: 7, column: 34, message: /listens on port 443: below 1024/, host: 'relay' }],
    },
    {
      name: 'a remote rtcp bind of port 22 on the relay, and a native udp service on 53',
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
            gost: -L rtcp://0.0.0.0:22/10.0.0.3:22 -F relay://203.0.113.10:8420
            config:
              services:
                - name: dns
                  addr: :53
                  handler: { type: udp }
                  listener: { type: udp }
                  forwarder:
                    nodes: [{ name: dns, addr: "10.0.0.53:53" }]
      `,
      errors: [
        { line: 11, column: 21, message: /binds port 22 on relay/, host: 'gw' },
        { line: 15, column: 11, message: /listens on port 53/ },
      ],
    },
  ],
});
