import rule from '../../compiler/rules/rtcp-bind-unsupported.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'rtcp through a relay node',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay+kcp://:8443?bind=true
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay+kcp://203.0.113.10:8443
      `,
    },
    {
      name: 'rtcp through an sshd node',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            gost: -L sshd://u:p@:2222
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:8080/10.0.0.3:80 -F sshd://u:p@203.0.113.22:2222
      `,
    },
  ],
  invalid: [
    {
      name: 'a plain kcp:// node is an http connector, which cannot bind',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L kcp://:8443
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F kcp://203.0.113.10:8443
      `,
      errors: [{ line: 11, column: 49, message: /http connector cannot BIND/ }],
    },
    {
      name: 'rudp through an sshd node (SSH forwards TCP only)',
      code: yaml`
        name: t
        networks:
          internet: {}
          office: { nat: internet }
        hosts:
          ssh:
            addresses: { internet: 203.0.113.22 }
            gost: -L sshd://u:p@:2222
          gw:
            addresses: { office: 10.0.0.2 }
            config:
              services:
                - name: dns
                  addr: 0.0.0.0:1053
                  handler: { type: rudp }
                  listener: { type: rudp, chain: up }
                  forwarder:
                    nodes:
                      - { name: dns, addr: "10.0.0.53:53" }
              chains:
                - name: up
                  hops:
                    - name: hop-0
                      nodes:
                        - name: ssh
                          addr: 203.0.113.22:2222
                          connector: { type: sshd, auth: { username: u, password: p } }
                          dialer: { type: sshd }
      `,
      errors: [{ line: 27, column: 32, message: /ssh: unsupported protocol/ }],
    },
  ],
});
