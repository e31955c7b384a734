import rule from '../../compiler/rules/ssh-pairing.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'sshd on both sides of the command line',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            gost: -L sshd://u:p@:2222
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L tcp://:8080/203.0.113.80:80 -F sshd://u:p@203.0.113.22:2222
      `,
    },
    {
      name: 'http over the gost ssh transport (-F ssh:// is http+ssh), and a forwarder on an sshd listener',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            gost: -L http+ssh://u:p@:2222 -L forward+sshd://u:p@:2223/203.0.113.80:80
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F ssh://u:p@203.0.113.22:2222
      `,
    },
  ],
  invalid: [
    {
      name: 'a native sshd connector over a tcp dialer',
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
                  addr: :8080
                  handler: { type: tcp, chain: up }
                  listener: { type: tcp }
                  forwarder: { nodes: [{ name: web, addr: "203.0.113.80:80" }] }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: ssh
                          addr: 203.0.113.22:22
                          connector: { type: sshd }
                          dialer: { type: tcp }
      `,
      errors: [{ line: 22, column: 29, message: /"ssh: invalid connection"/, host: 'laptop' }],
    },
    {
      name: 'an sshd dialer under a relay connector, and an sshd handler on a tcp listener',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            config:
              services:
                - name: sshd
                  addr: :2222
                  handler: { type: sshd }
                  listener: { type: tcp }
          laptop:
            addresses: { internet: 198.51.100.7 }
            gost: -L http://127.0.0.1:8080 -F relay+sshd://u:p@203.0.113.22:2222
      `,
      errors: [
        { line: 12, column: 23, message: /"sshd: wrong connection type"/, host: 'ssh' },
        { line: 15, column: 39, message: /sshd dialer with the relay connector/ },
      ],
    },
  ],
});
