import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignAddresses,
  automaticOffset,
  isLoopbackIp,
  offsetProblem,
  parseExternal,
} from '../../cli/up/addresses.js';

describe('loopback addresses for hosts', () => {
  it('numbers hosts in topology order from the first address', () => {
    expect([...assignAddresses(['relay', 'gw', 'db'], '127.0.1.1')]).toEqual([
      ['relay', '127.0.1.1'],
      ['gw', '127.0.1.2'],
      ['db', '127.0.1.3'],
    ]);
  });

  it('skips the .0 and .255 of every /24', () => {
    const hosts = Array.from({ length: 4 }, (_, i) => `h${i}`);
    expect([...assignAddresses(hosts, '127.0.1.253').values()]).toEqual([
      '127.0.1.253',
      '127.0.1.254',
      '127.0.2.1',
      '127.0.2.2',
    ]);
  });

  it('gives distinct loopback addresses, never .0 or .255, the same every time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 250 }),
        fc.integer({ min: 1, max: 254 }),
        (count, third, fourth) => {
          const hosts = Array.from({ length: count }, (_, i) => `host-${i}`);
          const first = `127.0.${third}.${fourth}`;
          const a = assignAddresses(hosts, first);
          expect([...a.keys()]).toEqual(hosts);
          const ips = [...a.values()];
          expect(new Set(ips).size).toBe(count);
          for (const ip of ips) {
            expect(isLoopbackIp(ip)).toBe(true);
            expect(ip).not.toMatch(/\.(0|255)$/);
          }
          expect([...assignAddresses(hosts, first).values()]).toEqual(ips);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a first address outside 127.0.0.0/8', () => {
    expect(() => assignAddresses(['a'], '10.0.0.1')).toThrow(/127\.0\.0\.0\/8/);
    expect(() => assignAddresses(['a'], 'localhost')).toThrow(/127\.0\.0\.0\/8/);
  });
});

describe('--allow-external', () => {
  it('takes a loopback address, dialled as itself', () => {
    expect(parseExternal('127.0.0.1:5432')).toEqual({
      match: { host: '127.0.0.1', port: 5432 },
      real: { host: '127.0.0.1', port: 5432 },
    });
  });

  it('maps a name or address outside the topology to a loopback address', () => {
    expect(parseExternal('API.example.com:443=127.0.0.1:8443')).toEqual({
      match: { host: 'api.example.com', port: 443 },
      real: { host: '127.0.0.1', port: 8443 },
    });
    expect(parseExternal('[2001:db8::1]:53=[::1]:5353').real).toEqual({ host: '::1', port: 5353 });
  });

  it('never lets anything off this machine be dialled', () => {
    expect(() => parseExternal('8.8.8.8:53')).toThrow(/not a loopback address/);
    expect(() => parseExternal('db.internal:5432=10.0.0.5:5432')).toThrow(
      /never dials anything off this machine/,
    );
    expect(() => parseExternal('example.com:80')).toThrow(/not a loopback address/);
    expect(() => parseExternal('127.0.0.1')).toThrow(/not HOST:PORT/);
    expect(() => parseExternal('a:1=b:2=c:3')).toThrow(/more than one/);
  });
});

describe('port offsets', () => {
  it('keeps ports as written when they can be bound', () => {
    expect(automaticOffset([22, 80, 8443], 1024, true)).toEqual({ offset: 0 });
    expect(automaticOffset([8080, 8443], 1024, false)).toEqual({ offset: 0 });
    expect(automaticOffset([], 1024, false)).toEqual({ offset: 0 });
  });

  it('shifts every port when a low one cannot be bound without root, and says why', () => {
    expect(automaticOffset([22, 80, 8443], 1024, false)).toEqual({
      offset: 10_000,
      reason: 'port 22 is below 1024 and this process may not bind it',
    });
    expect(automaticOffset([80, 50_000], 1024, false)).toMatchObject({ offset: 10_000 });
    expect(automaticOffset([80, 60_000], 1024, false)).toEqual({
      problem: expect.stringMatching(/no offset fits ports up to 60000; choose one with --port-offset/),
    });
  });

  it('finds an offset that lifts the lowest port out of a larger privileged range', () => {
    expect(automaticOffset([80, 443], 15_000, false)).toMatchObject({ offset: 20_000 });
  });

  it('says when an offset pushes a port past 65535', () => {
    expect(offsetProblem([80, 8080], 20_000)).toBeUndefined();
    expect(offsetProblem([80, 58_080], 10_000)).toBe('port 58080 + 10000 = 68080 is beyond 65535');
  });
});
