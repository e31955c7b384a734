import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import { simulate } from '../../sim/index.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('shows a topology that checks clean and whose flows hold in the simulator', async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const result = compileTopology('README.md', yaml!, { RELAY_PASSWORD: 'example' });
    expect(result.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    const run = await simulate(result.plan!, { seed: 1 });
    expect(run.flows.map((f) => [f.name, f.ok])).toEqual([
      ['laptop reaches the office ssh through the relay', true],
      ['the db is not exposed directly', true],
    ]);
  });

  it('gives the quick start as exactly two commands, the second being the test command', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## A topology'));
    const commands = [...quick.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual([
      'npm ci && npx topo sim examples/relay-remote-forwarding.yaml',
      'npm ci && npm test',
    ]);
    expect(readFileSync(join(import.meta.dirname, '..', '..', '.ci', 'run'), 'utf8')).toContain(commands[1]);
  });
});
