import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import convert, { parseConvertArgs } from '../../cli/commands/convert.js';
import { type CommandContext, UsageError } from '../../cli/command.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd = process.cwd()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    argv,
    stdout: { write: (c) => void (stdout += c), isTTY: false },
    stderr: { write: (c) => void (stderr += c), isTTY: false },
    env: {},
    cwd,
    color: false,
    signal: new AbortController().signal,
  };
  const code = await convert.run(ctx);
  return { code, stdout, stderr };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'topo-convert-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('topo convert', () => {
  it('prints what gost -O yaml prints for a command line', async () => {
    const r = await run([
      '--',
      '-L',
      'rtcp://:2222/:22',
      '-F',
      'relay+wss://u:p@relay.example.com:8443?nodelay=true',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const config = parseYaml(r.stdout) as { services: { listener: { chain: string } }[]; chains: unknown[] };
    expect(config.services[0]!.listener.chain).toBe('chain-0');
    expect(r.stdout).toContain('              tls:\n                serverName: relay.example.com\n');
  });

  it('prints JSON with --to json or when the gost arguments say -O json', async () => {
    const a = await run(['--to', 'json', '--', '-L', 'socks5://:1080']);
    const b = await run(['--', '-L', 'socks5://:1080', '-O', 'json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual({
      services: [
        { name: 'service-0', addr: ':1080', handler: { type: 'socks5' }, listener: { type: 'tcp' } },
      ],
    });
    expect(b.stdout).toBe(a.stdout);
  });

  it('prints one YAML document per process group', async () => {
    const r = await run(['--', '-L', ':1', '--', '-L', ':2']);
    expect(r.stdout.split('---\n')).toHaveLength(2);
  });

  it('normalises a command line with --to cli', async () => {
    const r = await run([
      '-t',
      'cli',
      '--',
      '-L',
      'tcp://:8080/192.168.1.1:80?strategy=round&maxFails=1&failTimeout=30s',
    ]);
    expect(r).toEqual({ code: 0, stdout: "gost -L ':8080/192.168.1.1:80?failTimeout=30s'\n", stderr: '' });
  });

  it('exits 1 with the diagnostics when gost would not start', async () => {
    const r = await run(['--', '-L', ':8080', '-F', 'http://h:8a']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('<command line>:1:21: error: -F "http://h:8a"');
    expect(r.stderr).toContain('nothing converted');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints warnings but still converts', async () => {
    const r = await run(['--', '-L', 'socks5://:1080/1.2.3.4:80']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the socks5 handler is replaced by tcp');
    expect(r.stdout).toContain('type: tcp');
  });

  it('turns a config file into a command line', async () => {
    const dir = tempFile(
      'gost.yaml',
      `services:
  - name: ssh-back
    addr: :2222
    handler: { type: rtcp }
    listener: { type: rtcp, chain: a }
    forwarder: { nodes: [{ name: ssh, addr: "10.0.0.3:22" }] }
  - name: web
    addr: :8080
    handler: { type: http, chain: b }
    listener: { type: tcp }
chains:
  - name: a
    hops: [{ name: h, nodes: [{ name: n, addr: "relay.example.com:8443", connector: { type: relay }, dialer: { type: wss } }] }]
  - name: b
    hops: [{ name: h, nodes: [{ name: n, addr: "10.0.0.1:1080", connector: { type: socks5 } }] }]
`,
    );
    const r = await run(['gost.yaml'], dir);
    expect(r).toEqual({
      code: 0,
      stdout:
        'gost -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443 -- -L http://:8080 -F socks5://10.0.0.1:1080\n',
      stderr: '',
    });
  });

  it('normalises a JSON config file to YAML, warning about keys gost ignores', async () => {
    const dir = tempFile(
      'gost.json',
      '{"Services":[{"Name":"a","addr":":1","handler":{"type":"http"},"colour":"red"}]}',
    );
    const r = await run(['--to', 'yaml', 'gost.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('services:\n  - name: a\n    addr: :1\n    handler:\n      type: http\n');
    expect(r.stderr).toBe(
      'gost.json: warning: Services.0.colour: unknown field "colour" in ServiceConfig; gost ignores it\n',
    );
  });

  it('exits 1 and says why when a config has no command line', async () => {
    const dir = tempFile(
      'gost.yaml',
      'services:\n  - name: p\n    handler: { type: socks5, auther: users }\n',
    );
    const r = await run(['gost.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "topo convert: gost.yaml has no gost command-line form: service p's handler has auther, which a command line cannot set; use -C with the YAML\n",
    );
  });

  it('exits 1 for a file that is not YAML', async () => {
    const dir = tempFile('bad.yaml', 'services: [\n');
    const r = await run(['bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^topo convert: bad\.yaml is not valid YAML or JSON: /);
  });

  it('prints its help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: topo convert');
    expect(convert.summary).toBe("convert between gost command lines and gost's YAML/JSON config");
  });

  it('treats wrong usage as a usage error', async () => {
    const usage = (argv: string[]) => () => parseConvertArgs(argv);
    expect(usage([])).toThrow(UsageError);
    expect(usage(['--to', 'xml', 'f.yaml'])).toThrow(/unknown target format 'xml'/);
    expect(usage(['--to', 'ymal', 'f.yaml'])).toThrow(/did you mean 'yaml'/);
    expect(usage(['a.yaml', 'b.yaml'])).toThrow(/one config file at a time/);
    expect(usage(['f.yaml', '--', '-L', ':1'])).toThrow(/not both/);
    expect(usage(['--'])).toThrow(/no gost arguments/);
    expect(usage(['-L', ':1'])).toThrow(/unknown option '-L' \(gost arguments go after '--'\)/);
    await expect(run(['missing.yaml'], tmpdir())).rejects.toThrow(UsageError);
  });
});
