import rule from '../../compiler/rules/topology-reference.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'hosts with native configs and command lines, all on declared networks',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            config:
              services:
                - { name: relay, addr: ":8420", handler: { type: relay }, listener: { type: tcp } }
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L http://127.0.0.1:8080 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'every network, host and app named is declared',
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
          visitor:
            addresses: { internet: 198.51.100.7 }
        expect:
          - name: the web server through the gateway
            from: visitor
            connect: tcp 203.0.113.2:8080
            arrives: web/http
            via: [gw]
      `,
    },
    {
      name: 'faults on declared hosts',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1 }
          b:
            addresses: { internet: 203.0.113.2 }
        faults:
          - { at: 1s, down: a }
          - { at: 2s, cut: [a, b] }
      `,
    },
  ],
  invalid: [
    {
      name: 'an address on an undeclared network, and one address for two hosts',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          a:
            addresses: { internet: 203.0.113.1, dmz: 10.9.0.1 }
          b:
            addresses: { internet: 203.0.113.1 }
      `,
      errors: [
        { line: 6, column: 46, message: /"dmz", but no such network is declared/, host: 'a' },
        { line: 8, column: 28, message: /address 203.0.113.1 of b is also the address of a/, host: 'b' },
      ],
    },
    {
      name: 'an expectation that arrives at an app the host does not declare, and NAT to an unknown network',
      code: yaml`
        name: t
        networks:
          internet: {}
          lan: { nat: wan }
        hosts:
          web:
            addresses: { internet: 203.0.113.80 }
            apps:
              http: { listen: tcp/80, kind: http }
          visitor:
            addresses: { internet: 198.51.100.7 }
        expect:
          - name: web
            from: visitor
            connect: tcp 203.0.113.80:80
            arrives: web/https
      `,
      errors: [
        { line: 4, column: 3, message: /reaches "wan" through NAT/ },
        { line: 13, column: 11, message: /expects app "https" on web/ },
      ],
    },
  ],
});
