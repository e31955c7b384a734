import rule from '../../compiler/rules/port-collision.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'TCP and UDP on the same port number do not collide',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8080 -L udp://:8080/203.0.113.11:53
          dns:
            addresses: { internet: 203.0.113.11 }
            apps:
              dns: { listen: udp/53 }
      `,
    },
    {
      name: 'two sites bind different remote ports on one relay',
      code: yaml`
        name: t
        networks:
          internet: {}
          site-a: { nat: internet }
          site-b: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420?bind=true
          a-gw:
            addresses: { site-a: 10.1.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.1.0.3:22 -F relay://203.0.113.10:8420
          b-gw:
            addresses: { site-b: 10.2.0.2 }
            gost: -L rtcp://0.0.0.0:2223/10.2.0.3:22 -F relay://203.0.113.10:8420
      `,
    },
    {
      name: 'services bound to different specific addresses of one host',
      code: yaml`
        name: t
        networks:
          internet: {}
          lan: { nat: internet }
        hosts:
          gw:
            addresses: { internet: 203.0.113.10, lan: 192.168.1.1 }
            config:
              services:
                - name: public
                  addr: 203.0.113.10:1080
                  handler: { type: socks5 }
                  listener: { type: tcp }
                - name: private
                  addr: 192.168.1.1:1080
                  handler: { type: socks5 }
                  listener: { type: tcp }
      `,
    },
  ],
  invalid: [
    {
      name: 'two services of one command line on the same port',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420 -L socks5://0.0.0.0:8420
      `,
      errors: [{ line: 7, column: 40, message: /already taken by service service-0/, host: 'relay' }],
    },
    {
      name: 'two gateways bind the same port on the relay',
      code: yaml`
        name: t
        networks:
          internet: {}
          site-a: { nat: internet }
          site-b: { nat: internet }
        hosts:
          relay:
            addresses: { internet: 203.0.113.10 }
            gost: -L relay://:8420?bind=true
          a-gw:
            addresses: { site-a: 10.1.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.1.0.3:22 -F relay://203.0.113.10:8420
          b-gw:
            addresses: { site-b: 10.2.0.2 }
            gost: -L rtcp://0.0.0.0:2222/10.2.0.3:22 -F relay://203.0.113.10:8420
      `,
      errors: [
        { line: 15, column: 21, message: /rtcp bind of service service-0 on b-gw claims tcp\/2222 on relay/ },
      ],
    },
    {
      name: 'a remote bind takes a port the relay host listens on itself',
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
                - name: relay
                  addr: :8420
                  handler: { type: relay, metadata: { bind: true } }
                  listener: { type: tcp }
                - name: web
                  addr: :8080
                  handler: { type: http }
                  listener: { type: tcp }
          gw:
            addresses: { office: 10.0.0.2 }
            gost: -L rtcp://0.0.0.0:8080/10.0.0.3:80 -F relay://203.0.113.10:8420
      `,
      errors: [{ line: 20, column: 21, message: /already taken by service web/ }],
    },
  ],
});
