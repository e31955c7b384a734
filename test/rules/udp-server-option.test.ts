import rule from '../../compiler/rules/udp-server-option.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'a socks5 server with udp=true',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.50 }
            gost: -L socks5://:1080?udp=true
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:10053/203.0.113.53:53 -F socks5://203.0.113.50:1080
      `,
    },
    {
      name: 'a relay last node needs no server option',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.50 }
            gost: -L relay://:8420
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:10053/203.0.113.53:53 -F relay://203.0.113.50:8420
      `,
    },
  ],
  invalid: [
    {
      name: 'a socks5 server without udp=true, blamed on the udp service',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.50 }
            gost: -L socks5://:1080
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:10053/203.0.113.53:53 -F socks5://203.0.113.50:1080
      `,
      errors: [{ line: 10, column: 14, message: /get socks5 UDP tunnel failure/, host: 'laptop' }],
    },
    {
      name: 'a native http server without udp, reached by an http node',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.50 }
            config:
              services:
                - name: http
                  addr: :8080
                  handler: { type: http, metadata: { udp: false } }
                  listener: { type: tcp }
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L udp://:10053/203.0.113.53:53 -F http://203.0.113.50:8080
      `,
      errors: [{ line: 15, column: 14, message: /403 Forbidden/ }],
    },
  ],
});
