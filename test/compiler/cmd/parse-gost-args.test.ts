import { describe, expect, it } from 'vitest';
import { argTextsFromSource, argvTexts, lineArgText } from '../../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import { splitShellWords } from '../../../compiler/cmd/shell-words.js';
import type { Diagnostic } from '../../../compiler/diagnostics.js';
import { SourceFile } from '../../../compiler/source.js';

function parse(argv: string[], options: Parameters<typeof parseGostArgs>[1] = {}) {
  return parseGostArgs(argvTexts(argv), { purpose: 'print', ...options });
}

function config(argv: string[]) {
  const result = parse(argv);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.groups[0]!.config;
}

const messages = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity}: ${d.message}`);

describe('schemes and registry fallbacks', () => {
  it('splits handler+listener and connector+dialer, with gost defaults for unknown halves', () => {
    const c = config([
      '-L',
      'https://:443',
      '-L',
      'socks5://:1080',
      '-L',
      'tls://:8443',
      '-F',
      'wss://h:443',
      '-F',
      'tcp://h:80',
    ]);
    expect(c.services!.map((s) => [s.handler!.type, s.listener!.type])).toEqual([
      ['http', 'tls'],
      ['socks5', 'tcp'],
      ['auto', 'tls'],
    ]);
    expect(c.chains![0]!.hops!.map((h) => [h.nodes![0]!.connector!.type, h.nodes![0]!.dialer!.type])).toEqual(
      [
        ['http', 'wss'],
        ['tcp', 'tcp'],
      ],
    );
  });

  it('reads a value without scheme (or starting with ":") as auto', () => {
    const c = config(['-L', ':8080', '-L', '127.0.0.1:1080']);
    expect(c.services!.map((s) => [s.addr, s.handler!.type, s.listener!.type])).toEqual([
      [':8080', 'auto', 'tcp'],
      ['127.0.0.1:1080', 'auto', 'tcp'],
    ]);
  });

  it('gives ssu a udp listener and dialer when the scheme names no transport', () => {
    const c = config(['-L', 'ssu://:8388', '-F', 'ssu://h:8388']);
    expect(c.services![0]!.listener!.type).toBe('udp');
    expect(c.chains![0]!.hops![0]!.nodes![0]!.dialer!.type).toBe('udp');
  });

  it('warns about scheme words gost does not know at all', () => {
    const result = parse(['-L', 'scoks5://:1080']);
    expect(result.groups[0]!.config.services![0]!.handler!.type).toBe('auto');
    expect(messages(result.diagnostics)).toEqual([
      'warning: gost has no protocol named "scoks5"; it falls back to its default type here',
    ]);
  });
});

describe('forward mode', () => {
  it('turns the handler into the listener type, or forward, unless it is relay', () => {
    const c = config([
      '-L',
      'tcp://:1/a:1',
      '-L',
      'relay+tls://:2/b:2',
      '-L',
      'tls://:3/c:3',
      '-L',
      'rtcp://:4/d:4',
    ]);
    expect(c.services!.map((s) => s.handler!.type)).toEqual(['tcp', 'relay', 'forward', 'rtcp']);
    expect(c.services![1]!.forwarder!.nodes).toEqual([{ name: 'target-0', addr: 'b:2' }]);
  });

  it('warns when a named handler is replaced', () => {
    const result = parse(['-L', 'socks5://:1080/1.2.3.4:80']);
    expect(result.groups[0]!.config.services![0]!.handler!.type).toBe('tcp');
    expect(messages(result.diagnostics)).toEqual([
      'warning: the socks5 handler is replaced by tcp: a -L URL with a target path is a port forwarder (only relay keeps its handler)',
    ]);
  });

  it('reads comma target lists and the selector with CLI defaults', () => {
    const c = config(['-L', 'tcp://:8080/a:1,b:2?strategy=fifo']);
    expect(c.services![0]!.forwarder).toEqual({
      nodes: [
        { name: 'target-0', addr: 'a:1' },
        { name: 'target-1', addr: 'b:2' },
      ],
      selector: { strategy: 'fifo', maxFails: 1, failTimeout: '30s' },
    });
  });
});

describe('port ranges', () => {
  it('pairs services and targets one to one, many to one, and drops surplus targets', () => {
    const many = config(['-L', 'tcp://:8000-8002/h:9000-9005']).services!;
    expect(many.map((s) => [s.name, s.addr, s.forwarder!.nodes![0]!.addr])).toEqual([
      ['service-0', ':8000', 'h:9000'],
      ['service-1', ':8001', 'h:9001'],
      ['service-2', ':8002', 'h:9002'],
    ]);
    const one = config(['-L', 'tcp://:8000-8001/h:80']).services!;
    expect(one.map((s) => s.forwarder!.nodes)).toEqual([
      [{ name: 'target-0', addr: 'h:80' }],
      [{ name: 'target-0', addr: 'h:80' }],
    ]);
  });

  it('leaves surplus services without a target and says so', () => {
    const result = parse(['-L', 'tcp://:8000-8002/h:1,h:2']);
    const services = result.groups[0]!.config.services!;
    expect(services[2]!.forwarder).toBeUndefined();
    expect(messages(result.diagnostics)).toEqual([
      'warning: service on :8002 gets no target: 3 listen ports and 2 targets pair up one to one and the surplus ports get none',
    ]);
  });

  it('reports inverted and malformed ranges the way gost treats them', () => {
    const inverted = parse(['-L', 'tcp://:8003-8000']);
    expect(inverted.groups[0]!.config.services![0]!.addr).toBe(':8003-8000');
    expect(inverted.diagnostics[0]!.severity).toBe('error');
    const malformed = parse(['-L', 'tcp://:80a']);
    expect(malformed.groups[0]!.config.services![0]!.addr).toBe(':0');
    expect(malformed.diagnostics[0]!.message).toContain('port 0');
  });
});

describe('chains', () => {
  it('makes chain-0 with one hop per -F and comma node lists', () => {
    const c = config(['-L', ':8080', '-F', 'http://a:1,b:2', '-F', 'socks5://c:3']);
    const hops = c.chains![0]!.hops!;
    expect(hops.map((h) => h.name)).toEqual(['hop-0', 'hop-1']);
    expect(hops[0]!.nodes!.map((n) => [n.name, n.addr])).toEqual([
      ['node-0', 'a:1'],
      ['node-1', 'b:2'],
    ]);
    expect(c.services![0]!.handler!.chain).toBe('chain-0');
  });

  it('puts the chain on the listener for rtcp, rudp and runix', () => {
    const c = config([
      '-L',
      'rtcp://:1/a:1',
      '-L',
      'rudp://:2/b:2',
      '-L',
      'runix://s.sock/t.sock',
      '-L',
      'udp://:3/c:3',
      '-F',
      'relay://r:8420',
    ]);
    expect(c.services!.map((s) => [s.listener!.chain, s.handler!.chain])).toEqual([
      ['chain-0', undefined],
      ['chain-0', undefined],
      ['chain-0', undefined],
      [undefined, 'chain-0'],
    ]);
  });

  it('defaults the dialer serverName to the URL host name, even across a comma list', () => {
    const c = config(['-L', ':1', '-F', 'relay+tls://gw1.example.com:8443,gw2.example.com:8443?secure=true']);
    const [a, b] = c.chains![0]!.hops![0]!.nodes!;
    expect(a!.dialer!.tls).toEqual({ secure: true, serverName: 'gw1.example.com:8443,gw2.example.com' });
    expect(b!.dialer!.tls).toEqual(a!.dialer!.tls);
    expect(c.chains![0]!.hops![0]!.metadata).toEqual({ secure: 'true' });
  });
});

describe('query options', () => {
  it('copies plain options to handler, listener and service as strings, scoped ones to one place', () => {
    const c = config(['-L', 'relay://:8420?bind=true&handler.readTimeout=5s&service.x=1']);
    const s = c.services![0]!;
    expect(s.handler!.metadata).toEqual({ bind: 'true', readTimeout: '5s' });
    expect(s.listener!.metadata).toEqual({ bind: 'true' });
    expect(s.metadata).toEqual({ bind: 'true', x: '1' });
  });

  it('makes named objects and leaves the copies gost leaves', () => {
    const c = config(['-L', ':8080?bypass=~a,b&retries=2&limiter.in=1MB&climiter=10&rlimiter=0.5']);
    const s = c.services![0]!;
    expect(s.bypass).toBe('bypass-0');
    expect(c.bypasses).toEqual([{ name: 'bypass-0', whitelist: true, matchers: ['a', 'b'] }]);
    expect(s.handler!.retries).toBe(2);
    expect(c.limiters).toEqual([{ name: 'limiter-0', limits: ['$ 1MB '] }]);
    expect(c.climiters).toEqual([{ name: 'climiter-0', limits: ['$ 10'] }]);
    expect(c.rlimiters).toEqual([{ name: 'rlimiter-0', limits: ['$ 0.5'] }]);
    expect(s.handler!.metadata).toBeUndefined();
    expect(s.metadata).toEqual({
      bypass: '~a,b',
      retries: '2',
      'limiter.in': '1MB',
      climiter: '10',
      rlimiter: '0.5',
    });
  });

  it('moves interface and so_mark to the service (ints) and splits dns', () => {
    const s = config(['-L', ':8080?interface=eth0&so_mark=42&dns=1.1.1.1,8.8.8.8']).services![0]!;
    expect(s.metadata).toEqual({ interface: 'eth0', so_mark: 42, dns: ['1.1.1.1', '8.8.8.8'] });
    expect(s.handler!.metadata).toEqual({ dns: ['1.1.1.1', '8.8.8.8'] });
  });

  it('uses only the first value of a repeated option and warns about the rest', () => {
    const result = parse(['-L', ':8080?a=1&a=2']);
    expect(result.groups[0]!.config.services![0]!.metadata).toEqual({ a: '1' });
    expect(messages(result.diagnostics)).toEqual([
      'warning: parameter "a" is given again; gost uses only its first value',
    ]);
  });
});

describe('credentials and TLS', () => {
  it('prefers the userinfo over ?auth= and decodes base64 auth', () => {
    expect(config(['-L', 'http://u:p@:8080?auth=eDp5']).services![0]!.handler!.auth).toEqual({
      username: 'u',
      password: 'p',
    });
    expect(config(['-L', 'http://:8080?auth=eDp5']).services![0]!.handler!.auth).toEqual({
      username: 'x',
      password: 'y',
    });
  });

  it('reads SIP002 userinfo for ss and moves ssh credentials to the transport', () => {
    const c = config([
      '-L',
      'ss://YWVzLTI1Ni1nY206cHc@:8388',
      '-L',
      'sshd://u:p@:22',
      '-F',
      'sshd://u:p@h:22',
    ]);
    expect(c.services![0]!.handler!.auth).toEqual({ username: 'aes-256-gcm', password: 'pw' });
    expect(c.services![1]!.listener!.auth).toEqual({ username: 'u', password: 'p' });
    expect(c.services![1]!.handler!.auth).toBeUndefined();
    const node = c.chains![0]!.hops![0]!.nodes![0]!;
    expect(node.dialer!.auth).toEqual({ username: 'u', password: 'p' });
    expect(node.connector!.auth).toBeUndefined();
  });

  it('gives -L TLS only with a certificate, and says so when key/CA come alone', () => {
    expect(config(['-L', 'tls://:443?cert=c.pem&key=k.pem']).services![0]!.listener!.tls).toEqual({
      certFile: 'c.pem',
      keyFile: 'k.pem',
    });
    const result = parse(['-L', 'tls://:443?key=k.pem']);
    expect(result.groups[0]!.config.services![0]!.listener!.tls).toBeUndefined();
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('reports bad base64 auth as an error', () => {
    const result = parse(['-L', 'http://:8080?auth=!!!']);
    expect(result.diagnostics.map((d) => d.severity)).toContain('error');
  });
});

describe('flags', () => {
  it('reports unknown flags, missing values and bad URLs as errors', () => {
    expect(messages(parse(['-X', 'y']).diagnostics)).toContain('error: flag provided but not defined: -X');
    expect(messages(parse(['-L']).diagnostics)).toContain('error: flag needs an argument: -L');
    const bad = parse(['-F', 'http://h:8a']);
    expect(messages(bad.diagnostics)).toContain(
      'error: -F "http://h:8a": parse "http://h:8a": invalid port ":8a" after host',
    );
  });

  it('accepts -name=value and --name forms', () => {
    const c = config(['--L=:8080', '-F=http://h:1']);
    expect(c.services![0]!.addr).toBe(':8080');
    expect(c.chains![0]!.hops).toHaveLength(1);
  });

  it('warns that gost ignores arguments after the first non-flag', () => {
    const result = parse(['-L', ':8080', 'oops', '-F', 'http://h:1']);
    expect(result.groups[0]!.config.chains).toBeUndefined();
    expect(messages(result.diagnostics)).toEqual([
      'warning: gost stops reading flags at "oops" and ignores it and the 2 arguments after it',
    ]);
  });

  it('applies -api, -metrics, -D and -DD like the gost binary', () => {
    const c = config([
      '-L',
      ':8080',
      '-api',
      'u:p@:18080?pathPrefix=/api&accesslog=true',
      '-metrics',
      ':9000?path=/m',
      '-DD',
    ]);
    expect(c.api).toEqual({
      addr: ':18080',
      auth: { username: 'u', password: 'p' },
      pathPrefix: '/api',
      accesslog: true,
    });
    expect(c.metrics).toEqual({ addr: ':9000', path: '/m' });
    expect(c.log).toEqual({ level: 'trace' });
  });

  it('reports -O and -V when gost is meant to run', () => {
    const result = parseGostArgs(argvTexts(['-L', ':8080', '-O', 'yaml', '-V']));
    expect(result.groups[0]!.outputFormat).toBe('yaml');
    expect(result.groups[0]!.printVersion).toBe(true);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('reads inline -C JSON and refuses config files', () => {
    const c = config(['-C', '{"services":[{"name":"a","addr":":1","handler":{"type":"http"}}]}', '-L', ':2']);
    expect(c.services!.map((s) => s.name)).toEqual(['a', 'service-0']);
    const file = parse(['-C', 'gost.yaml']);
    expect(file.diagnostics[0]!.severity).toBe('error');
    expect(file.diagnostics[0]!.help).toContain('config:');
  });

  it('warns that gost reads its default config when there is no -L', () => {
    expect(parse(['-F', 'http://h:1']).diagnostics.map((d) => d.message)[0]).toContain('no -L service');
  });
});

describe('process groups', () => {
  it('splits on -- like gost and prefixes target names with the group id', () => {
    const result = parse(['-L', 'tcp://:1/a:1', '--', '-L', 'tcp://:2/b:2', '-F', 'http://h:3']);
    expect(result.groups).toHaveLength(2);
    expect(result.groups.map((g) => g.gostId)).toEqual(['0', '1']);
    expect(result.groups[0]!.config.services![0]!.forwarder!.nodes![0]!.name).toBe('go-0@target-0');
    expect(result.groups[1]!.config.chains).toHaveLength(1);
    expect(result.groups[0]!.config.chains).toBeUndefined();
  });

  it('splits an argument holding two spaces, as gost does under --', () => {
    const result = parse(['-L', ':1?x=a  b', '--', '-L', ':2']);
    expect(messages(result.diagnostics)).toContain('warning: gost stops reading flags at "b" and ignores it');
  });

  it('uses the given _GOST_ID for a single process', () => {
    const result = parse(['-L', 'tcp://:1/a:1'], { gostId: '7' });
    expect(result.groups[0]!.config.services![0]!.forwarder!.nodes![0]!.name).toBe('go-7@target-0');
  });
});

describe('spans', () => {
  it('points metadata at the characters of its key=value pair inside a YAML string', () => {
    const text = 'hosts:\n  relay:\n    gost: -L relay+wss://gost:pw@:8443?bind=true\n';
    const source = new SourceFile('topo.yaml', text);
    const start = text.indexOf('-L');
    const end = text.indexOf('\n', start);
    const arg = {
      text: text.slice(start, end),
      span: (s: number, e: number) => source.span(start + s, start + e),
    };
    const result = parseGostArgs(splitShellWords(arg).words);
    const spans = result.groups[0]!.spans;
    for (const place of ['handler', 'listener']) {
      const span = spans.get(['services', 0, place, 'metadata', 'bind']);
      expect(text.slice(span.start.offset, span.end.offset)).toBe('bind=true');
      expect(span.start.line).toBe(3);
    }
    const user = spans.get(['services', 0, 'handler', 'auth', 'password']);
    expect(text.slice(user.start.offset, user.end.offset)).toBe('pw');
    const type = spans.get(['services', 0, 'listener', 'type']);
    expect(text.slice(type.start.offset, type.end.offset)).toBe('wss');
  });

  it('points a diagnostic about an argv value into the synthetic command line', () => {
    const source = new SourceFile('<command line>', '-L :8080 -F http://h:8a');
    const args = argTextsFromSource(source, [
      { start: 0, end: 2 },
      { start: 3, end: 8 },
      { start: 9, end: 11 },
      { start: 12, end: 23 },
    ]);
    const d = parseGostArgs(args).diagnostics.find((x) => x.severity === 'error')!;
    expect(source.text.slice(d.span.start.offset, d.span.end.offset)).toBe(':8a');
  });

  it('records a span for every value of the config', () => {
    const result = parseGostArgs(
      [lineArgText('-L')].concat(argvTexts(['tcp://:1/a:1?x=1', '-F', 'relay://u:p@h:2?y=2']).slice(0)),
    );
    const spans = result.groups[0]!.spans;
    const paths = [...spans.entries()].map(([k]) => k);
    for (const p of [
      '/services/0/addr',
      '/services/0/forwarder/nodes/0/addr',
      '/services/0/metadata/x',
      '/chains/0/hops/0/nodes/0/connector/auth/username',
      '/chains/0/hops/0/metadata/y',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
