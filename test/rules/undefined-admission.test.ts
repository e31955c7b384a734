import rule from '../../compiler/rules/undefined-admission.js';
import { testRule } from '../helpers/rule-tester.js';
import { yaml } from './yaml.js';

testRule(rule, {
  valid: [
    {
      name: 'the admission is defined in the same config',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            config:
              services:
                - name: socks
                  addr: :1080
                  admission: office
                  handler: { type: socks5 }
                  listener: { type: tcp }
              admissions:
                - name: office
                  whitelist: true
                  matchers: [10.0.0.0/8]
      `,
    },
    {
      name: 'a command-line admission becomes a generated, defined object',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1080?admission=10.0.0.0/8
      `,
    },
  ],
  invalid: [
    {
      name: 'an admission name that is not defined',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            config:
              services:
                - name: socks
                  addr: :1080
                  admission: office
                  handler: { type: socks5 }
                  listener: { type: tcp }
      `,
      errors: [{ line: 11, column: 11, message: /admission "office", which is not defined/, host: 'proxy' }],
    },
    {
      name: 'one of several admissions is defined in another process of the host',
      code: yaml`
        name: t
        networks:
          internet: {}
        hosts:
          proxy:
            addresses: { internet: 203.0.113.6 }
            gost: -L socks5://:1081?admission=10.0.0.0/8
            config:
              services:
                - name: socks
                  addr: :1080
                  admissions: [admission-0, lan]
                  handler: { type: socks5 }
                  listener: { type: tcp }
              admissions:
                - { name: lan, matchers: [192.168.0.0/16] }
      `,
      errors: [{ line: 12, column: 24, message: /admission "admission-0"/ }],
    },
  ],
});
