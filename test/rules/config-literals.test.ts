import rule from '../../compiler/rules/config-literals.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'durations with units, and integers inside metadata (seconds)',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: web
                  addr: :8080
                  handler: { type: tcp }
                  listener: { type: tcp, metadata: { ttl: 30 } }
                  forwarder:
                    selector: { strategy: fifo, maxFails: 1, failTimeout: 30s }
                    nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
    },
    {
      name: 'a port range on the command line is expanded by gost',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            gost: -L tcp://:8000-8001/203.0.113.80:8000-8001?failTimeout=30
      `,
    },
  ],
  invalid: [
    {
      name: 'a port range in a native service address',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: web
                  addr: :8000-8003
                  handler: { type: tcp }
                  listener: { type: tcp }
                  forwarder:
                    nodes: [{ name: a, addr: "203.0.113.80:80" }]
      `,
      errors: [{ line: 10, column: 11, message: /only the command line expands port ranges/, host: 'gw' }],
    },
    {
      name: 'bare numbers in typed duration fields are nanoseconds',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          gw:
            addresses: { internet: 203.0.113.2 }
            config:
              services:
                - name: web
                  addr: :8080
                  handler: { type: tcp }
                  listener: { type: tcp }
                  forwarder:
                    selector:
                      strategy: fifo
                      failTimeout: 30
                    nodes: [{ name: a, addr: "203.0.113.80:80" }]
              hops:
                - name: backup
                  reload: 60
                  nodes: [{ name: b, addr: "203.0.113.81:80" }]
      `,
      errors: [
        { line: 16, column: 15, message: /failTimeout: 30 on gw is 30 nanoseconds/ },
        { line: 20, column: 11, message: /reload: 60/ },
      ],
    },
  ],
});
