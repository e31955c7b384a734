/**
 * The Go library behaviour the command-line port depends on: registry names, durations,
 * strconv, base64, net/url and port ranges.
 */
import { describe, expect, it } from 'vitest';
import { decodeRawURLBase64, decodeStdBase64 } from '../../../compiler/cmd/go-base64.js';
import {
  formatGoDuration,
  metadataDurationNs,
  parseGoDurationNs,
} from '../../../compiler/cmd/go-duration.js';
import { expandAddrPortRange, splitHostPort } from '../../../compiler/cmd/go-net.js';
import { goAtoi, goFormatFloat, goParseBool, goParseFloat } from '../../../compiler/cmd/go-strconv.js';
import { escapedPath, formatGoURL, hostname, parseGoURL, parseQuery } from '../../../compiler/cmd/go-url.js';
import {
  connectorNames,
  dialerNames,
  handlerNames,
  isMultiplexDialer,
  isRegistered,
  listenerFamily,
  listenerNames,
  multiplexDialers,
  otherFamilyListeners,
  tcpFamilyListeners,
  udpFamilyListeners,
} from '../../../compiler/gost/registry-names.js';

describe('registry names', () => {
  it('lists each kind sorted and without duplicates', () => {
    for (const names of [handlerNames, listenerNames, connectorNames, dialerNames, multiplexDialers]) {
      expect([...names]).toEqual([...new Set(names)].sort());
    }
  });

  it('registers aliases and not the names gost falls back from', () => {
    expect(isRegistered('handler', 'socks')).toBe(true);
    expect(isRegistered('handler', 'https')).toBe(false);
    expect(isRegistered('listener', 'http')).toBe(false);
    expect(isRegistered('connector', 'wss')).toBe(false);
    expect(isRegistered('dialer', 'wss')).toBe(true);
    expect(isRegistered('connector', 'ssh')).toBe(false);
  });

  it('puts every listener in exactly one socket family', () => {
    const families = [...tcpFamilyListeners, ...udpFamilyListeners, ...otherFamilyListeners];
    expect([...families].sort()).toEqual([...listenerNames]);
    expect(listenerFamily('kcp')).toBe('udp');
    expect(listenerFamily('wss')).toBe('tcp');
    expect(listenerFamily('unix')).toBe('other');
  });

  it('knows the multiplexing dialers', () => {
    for (const d of multiplexDialers) expect(dialerNames).toContain(d);
    expect(isMultiplexDialer('mwss')).toBe(true);
    expect(isMultiplexDialer('wss')).toBe(false);
  });
});

describe('Go durations', () => {
  it('parses and prints like time.ParseDuration and Duration.String', () => {
    expect(parseGoDurationNs('1m30s')).toBe(90_000_000_000n);
    expect(parseGoDurationNs('1.5h')).toBe(5_400_000_000_000n);
    expect(parseGoDurationNs('30')).toBeUndefined();
    expect(parseGoDurationNs('')).toBeUndefined();
    expect(
      ['0s', '30s', '1m0s', '1h0m0s', '1.5s', '100ms', '1.5µs', '12ns', '-2m3s'].map((t) =>
        formatGoDuration(parseGoDurationNs(t)!),
      ),
    ).toEqual(['0s', '30s', '1m0s', '1h0m0s', '1.5s', '100ms', '1.5µs', '12ns', '-2m3s']);
  });

  it('reads metadata durations as Go durations or whole seconds', () => {
    expect(metadataDurationNs('10')).toBe(10_000_000_000n);
    expect(metadataDurationNs('250ms')).toBe(250_000_000n);
    expect(metadataDurationNs('soon')).toBe(0n);
  });
});

describe('Go strconv and base64', () => {
  it('converts like Atoi, ParseBool, ParseFloat and FormatFloat', () => {
    expect(goAtoi('+42')).toEqual({ value: 42, ok: true });
    expect(goAtoi(' 4')).toEqual({ value: 0, ok: false });
    expect(goParseBool('yes')).toEqual({ value: false, ok: false });
    expect(goParseBool('T').value).toBe(true);
    expect(goParseFloat('0x1p-2').value).toBe(0.25);
    expect(goParseFloat('1_0').ok).toBe(false);
    expect(goFormatFloat(1e21)).toBe('1000000000000000000000');
    expect(goFormatFloat(1.5e-7)).toBe('0.00000015');
  });

  it('decodes raw URL and padded standard base64 only in their own form', () => {
    expect(decodeRawURLBase64('dXNlcjpwYXNz')).toEqual(new TextEncoder().encode('user:pass'));
    expect(decodeRawURLBase64('dXM=')).toBeUndefined();
    expect(decodeStdBase64('dXM=')).toEqual(new TextEncoder().encode('us'));
    expect(decodeStdBase64('dXM')).toBeUndefined();
  });
});

describe('Go net/url', () => {
  it('parses userinfo, host, path and query with their places', () => {
    const r = parseGoURL('relay+wss://u:p%40ss@relay.example.com:8443/a/b?x=1&y=%20');
    if (!r.ok) throw new Error(r.error);
    expect(r.url.user).toEqual({ username: 'u', password: 'p@ss', passwordSet: true });
    expect(r.url.host).toBe('relay.example.com:8443');
    expect(escapedPath(r.url)).toBe('/a/b');
    expect(parseQuery(r.url.rawQuery, 0).pairs.map((p) => [p.key, p.value])).toEqual([
      ['x', '1'],
      ['y', ' '],
    ]);
    expect(formatGoURL(r.url)).toBe('relay+wss://u:p%40ss@relay.example.com:8443/a/b?x=1&y=%20');
  });

  it('rejects what url.Parse rejects, with its message', () => {
    const bad = ['http://h:8a', 'http://[::1', 'http://h h:1', 'http://a b@h', '1http://x', 'http://h/%zz'];
    expect(bad.map((u) => (parseGoURL(u) as { error?: string }).error)).toEqual([
      'invalid port ":8a" after host',
      "missing ']' in host",
      'invalid character " " in host name',
      'net/url: invalid userinfo',
      'first path segment in URL cannot contain colon',
      'invalid URL escape "%zz"',
    ]);
  });

  it('drops query pairs Go drops', () => {
    expect(parseQuery('a=1;b=2&c=%zz&d=4', 0).dropped.map((d) => d.reason)).toEqual([
      'invalid semicolon separator in query',
      'invalid URL escape "%zz"',
    ]);
  });

  it('takes the host name the way URL.Hostname does', () => {
    expect(hostname('gw1.example.com:8443,gw2.example.com:8443')).toBe(
      'gw1.example.com:8443,gw2.example.com',
    );
    expect(hostname('[::1]:80')).toBe('::1');
  });
});

describe('port ranges', () => {
  it('expands like AddrPortRange', () => {
    expect(expandAddrPortRange(':8000-8002').addrs).toEqual([':8000', ':8001', ':8002']);
    expect(expandAddrPortRange('[::1]:80').addrs).toEqual(['[::1]:80']);
    expect(expandAddrPortRange('host').addrs).toEqual([]);
    expect(expandAddrPortRange(':9-8')).toEqual({ addrs: [], problem: 'inverted' });
    expect(expandAddrPortRange(':x')).toEqual({ addrs: [':0'], problem: 'malformed' });
    expect(splitHostPort('a:b:c')).toEqual({ ok: false, error: 'address a:b:c: too many colons in address' });
  });
});
