import rule from '../../compiler/rules/relay-udp-nodelay.js';
import { testRule } from '../helpers/rule-tester.js';

const head = `name: t
networks: { internet: {} }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://:8420
  dns:
    addresses: { internet: 203.0.113.53 }
    apps: { dns: { listen: udp/53 } }
  client:
    addresses: { internet: 198.51.100.7 }
`;

testRule(rule, {
  valid: [
    `${head}    gost: -L udp://:1053/203.0.113.53:53 -F relay://203.0.113.10:8420\n`,
    {
      name: 'nodelay only on the tcp group',
      code: `${head}    gost: -L tcp://:2222/203.0.113.53:22 -F relay://203.0.113.10:8420?nodelay=true -- -L udp://:1053/203.0.113.53:53 -F relay://203.0.113.10:8420\n`,
    },
  ],
  invalid: [
    {
      code: `${head}    gost: -L udp://:1053/203.0.113.53:53 -F relay://203.0.113.10:8420?nodelay=true\n`,
      errors: [{ line: 12, column: 71, message: /bad version/, host: 'client' }],
    },
    {
      name: 'native config',
      code: `${head}    config:
      services:
        - name: dns-fwd
          addr: :1053
          handler: { type: udp, chain: c }
          listener: { type: udp }
          forwarder: { nodes: [{ name: t, addr: 203.0.113.53:53 }] }
      chains:
        - name: c
          hops:
            - name: h
              nodes:
                - name: r
                  addr: 203.0.113.10:8420
                  connector: { type: relay, metadata: { nodelay: true } }
`,
      errors: [{ line: 26, column: 57, message: /service dns-fwd on client/ }],
    },
  ],
});
