import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import graph from '../../cli/commands/graph.js';
import { UsageError } from '../../cli/command.js';
import { fakeContext } from '../cli/fake-context.js';
import { repoRoot } from './compile-file.js';

async function runGraph(argv: string[]) {
  const ctx = fakeContext(argv, { cwd: repoRoot });
  const code = await graph.run(ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text };
}

describe('topo graph', () => {
  it('prints a mermaid flowchart by default', async () => {
    const { code, stdout, stderr } = await runGraph(['examples/relay-remote-forwarding.yaml']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^%% relay-remote-forwarding\nflowchart LR\n/);
    expect(stdout).toContain('-.->|"rtcp bind 127.0.0.1:2222@relay"|');
  });

  it('prints DOT and JSON', async () => {
    const dot = await runGraph(['examples/relay-remote-forwarding.yaml', '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "relay-remote-forwarding" \{/);
    const json = await runGraph(['examples/relay-remote-forwarding.yaml', '-f', 'json']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.name).toBe('relay-remote-forwarding');
    expect(
      parsed.edges.filter((e: { kind: string }) => e.kind === 'bind').map((e: { label: string }) => e.label),
    ).toEqual(['rtcp bind 127.0.0.1:2222@relay', 'rtcp bind :8080@relay', 'rudp bind :10053@relay']);
    expect(parsed.nodes.find((n: { id: string }) => n.id === 'svc_relay_p0_service_0')).toMatchObject({
      kind: 'service',
      model: 'svc:relay/p0/service-0',
      host: 'relay',
      label: 'relay+tls :8443',
    });
  });

  it('writes to --out instead of stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-graph-'));
    const out = join(dir, 'graph.mmd');
    const { code, stdout } = await runGraph(['examples/relay-remote-forwarding.yaml', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^%% relay-remote-forwarding\nflowchart LR\n/);
  });

  it('draws a topology with errors, marks them, prints them and exits 1', async () => {
    const { code, stdout, stderr } = await runGraph(['test/fixtures/broken/transport-mismatch.yaml']);
    expect(code).toBe(1);
    expect(stdout).toContain('|"relay+wss<br/>✖ transport-mismatch"|');
    expect(stderr).toContain('[transport-mismatch]');
  });

  it('exits 2 for a file it cannot read', async () => {
    const { code, stderr } = await runGraph(['no/such/file.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^topo graph: no\/such\/file\.yaml: /);
  });

  it('rejects a wrong command line', async () => {
    await expect(runGraph(['examples/relay-remote-forwarding.yaml', '--format', 'mermiad'])).rejects.toThrow(
      new UsageError("unknown format 'mermiad'; did you mean 'mermaid'?"),
    );
    await expect(runGraph([])).rejects.toThrow(UsageError);
    await expect(runGraph(['a.yaml', 'b.yaml'])).rejects.toThrow('one topology file at a time (got 2)');
    await expect(runGraph(['a.yaml', '--colour'])).rejects.toThrow("unknown option '--colour'");
  });

  it('prints its help', async () => {
    const { code, stdout } = await runGraph(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(graph.help);
    expect(stdout).toMatch(/^Usage: topo graph FILE/);
  });
});
