import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import emit from '../../cli/commands/emit.js';
import { fakeContext } from './fake-context.js';

const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
const goldenDir = join(import.meta.dirname, '..', 'fixtures', 'emit');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'));

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

async function runEmit(argv: string[], env: Record<string, string> = {}) {
  const ctx = fakeContext(argv, { env });
  const code = await emit.run(ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text };
}

const brokenTopology = `name: broken
networks: { internet: {} }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://:8420
  gw:
    addresses: { internet: 203.0.113.11 }
    gost: -L rtcp://0.0.0.0:2222/127.0.0.1:22 -F relay://203.0.113.10:8420
    apps: { ssh: { listen: tcp/22 } }
`;

describe('topo emit', () => {
  it.each(examples)(
    'writes every host of %s, identically on a second run, matching the golden files',
    async (example) => {
      const a = mkdtempSync(join(tmpdir(), 'topo-emit-'));
      const b = mkdtempSync(join(tmpdir(), 'topo-emit-'));
      const first = await runEmit([join(examplesDir, example), '--out', a]);
      expect(first.stderr).not.toMatch(/: error: /);
      expect(first.code).toBe(0);
      await runEmit([join(examplesDir, example), '--out', b]);
      const written = tree(a);
      expect(Object.keys(written).length).toBeGreaterThan(0);
      expect(tree(b)).toEqual(written);
      const golden = join(goldenDir, example.replace(/\.yaml$/, ''));
      if (process.env.UPDATE_GOLDENS) {
        for (const [path, content] of Object.entries(written)) {
          mkdirSync(join(golden, path, '..'), { recursive: true });
          writeFileSync(join(golden, path), content);
        }
      }
      expect(written).toEqual(tree(golden));
    },
  );

  it('creates files readable only by their owner', async () => {
    const out = mkdtempSync(join(tmpdir(), 'topo-emit-'));
    await runEmit([join(examplesDir, 'relay-remote-forwarding.yaml'), '--out', out]);
    expect(statSync(join(out, 'relay', 'gost.yaml')).mode & 0o777).toBe(0o600);
  });

  it('refuses a topology with errors and leaves the folder as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-emit-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, brokenTopology);
    const out = join(dir, 'out');
    mkdirSync(join(out, 'relay'), { recursive: true });
    writeFileSync(join(out, 'relay', 'gost.yaml'), 'previous\n');
    const result = await runEmit([file, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rtcp-bind-disabled/);
    expect(result.stderr).toMatch(/--force/);
    expect(tree(out)).toEqual({ 'relay/gost.yaml': 'previous\n' });
    const forced = await runEmit([file, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(tree(out)['relay/gost.yaml']).toMatch(/type: relay/);
  });

  it('refuses to replace a folder with a file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'topo-emit-'));
    mkdirSync(join(out, 'relay', 'gost.yaml', 'inside'), { recursive: true });
    const result = await runEmit([join(examplesDir, 'relay-remote-forwarding.yaml'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a regular file/);
    expect(statSync(join(out, 'relay', 'gost.yaml', 'inside')).isDirectory()).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['relay']);
  });

  it('puts every old file back when a write fails part way, and keeps files it did not write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-emit-'));
    const out = join(dir, 'out');
    mkdirSync(join(out, 'relay'), { recursive: true });
    writeFileSync(join(out, 'relay', 'gost.yaml'), 'old relay\n');
    writeFileSync(join(out, 'relay', 'notes.txt'), 'mine\n');
    // A file where a host folder must go makes the move fail after the relay's files moved in.
    writeFileSync(join(out, 'office-gw'), 'a file in the way\n');
    const before = tree(out);
    const result = await runEmit([join(examplesDir, 'relay-remote-forwarding.yaml'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing was changed/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.topo-emit'))).toEqual([]);
  });

  it('prints json with secrets from the environment masked unless asked', async () => {
    const file = join(examplesDir, 'relay-remote-forwarding.yaml');
    const masked = await runEmit([file, '--format', 'json'], { RELAY_PASSWORD: 'sup3r-s3cret' });
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain('sup3r-s3cret');
    expect(masked.stdout).toContain('****');
    const parsed = JSON.parse(masked.stdout) as { hosts: Record<string, { cli?: string }> };
    expect(Object.keys(parsed.hosts)).toContain('relay');
    expect(parsed.hosts.relay!.cli).toMatch(/^gost -L /);
    const shown = await runEmit([file, '--format', 'json', '--show-secrets'], {
      RELAY_PASSWORD: 'sup3r-s3cret',
    });
    expect(shown.stdout).toContain('sup3r-s3cret');
  });

  it('explains usage errors', async () => {
    await expect(emit.run(fakeContext([]))).rejects.toThrow(/no topology file/);
    await expect(emit.run(fakeContext(['x.yaml']))).rejects.toThrow(/--out/);
    const help = fakeContext(['--help']);
    expect(await emit.run(help)).toBe(0);
    expect(help.stdout.text).toMatch(/Usage: topo emit/);
  });
});
