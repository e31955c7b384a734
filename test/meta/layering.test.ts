import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/gen-types.js';
import { findLayerViolations, resolveSpecifier } from './layering.js';

function inMemory(files: Record<string, string>): Project {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  for (const [path, text] of Object.entries(files)) project.createSourceFile(`/repo/${path}`, text);
  return project;
}

const violationsIn = (files: Record<string, string>) =>
  findLayerViolations(inMemory(files), '/repo').map(({ file, line, rule }) => `${file}:${line} ${rule}`);

describe('layer rules of the source tree', () => {
  it('holds for every file under compiler/, runtime/, sim/ and cli/', () => {
    const root = projectRoot();
    const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    project.addSourceFilesAtPaths(
      ['compiler', 'runtime', 'sim', 'cli'].flatMap((dir) => [
        join(root, dir, '**/*.ts'),
        join(root, dir, '**/*.tsx'),
      ]),
    );
    expect(project.getSourceFiles().length).toBeGreaterThan(0);
    const violations = findLayerViolations(project, root).map((v) => `${v.file}:${v.line}: ${v.message}`);
    expect(violations).toEqual([]);
  });
});

describe('the layer checker', () => {
  it('resolves the .js specifiers NodeNext wants to the .ts files', () => {
    expect(resolveSpecifier('runtime/x/y.ts', '../../compiler/gost/config.js')).toBe(
      'compiler/gost/config.ts',
    );
    expect(resolveSpecifier('cli/main.tsx', './ui/app.jsx')).toBe('cli/ui/app.tsx');
    expect(resolveSpecifier('sim/a.ts', 'node:net')).toBeUndefined();
  });

  it('finds imports across forbidden layer boundaries in every import form', () => {
    const found = violationsIn({
      'compiler/a.ts': "import { run } from '../runtime/run.js';\nexport { sim } from '../sim/sim.js';",
      'compiler/b.ts':
        "const cli = await import('../cli/main.js');\ntype T = typeof import('../runtime/t.js');",
      'compiler/c.ts': "import type { X } from '../runtime/types.js';\nimport r = require('../sim/r.js');",
      'runtime/a.ts': "import { lower } from '../compiler/lower/lower.js';",
      'runtime/b.ts': "export * from '../sim/world.js';\nimport { main } from '../cli/main.js';",
      'sim/a.ts': "import { main } from '../cli/main.js';",
      'runtime/sub/deep.ts': "import { Span } from '../../compiler/diagnostics.js';",
    });
    expect(found).toEqual([
      'compiler/a.ts:1 layer-import',
      'compiler/a.ts:2 layer-import',
      'compiler/b.ts:1 layer-import',
      'compiler/b.ts:2 layer-import',
      'compiler/c.ts:1 layer-import',
      'compiler/c.ts:2 layer-import',
      'runtime/a.ts:1 layer-import',
      'runtime/b.ts:1 layer-import',
      'runtime/b.ts:2 layer-import',
      'runtime/sub/deep.ts:1 layer-import',
      'sim/a.ts:1 layer-import',
    ]);
  });

  it('allows the imports the layers are meant to make', () => {
    expect(
      violationsIn({
        'runtime/a.ts': [
          "import type { GostConfig } from '../compiler/gost/config.js';",
          "import type { ServiceConfig } from '../compiler/gost/config.generated.js';",
          "import { handlerNames } from '../compiler/gost/registry-names.js';",
          "import { x } from './b.js';",
          "import { Buffer } from 'node:buffer';",
        ].join('\n'),
        'sim/a.ts':
          "import { Runtime } from '../runtime/runtime.js';\nimport { plan } from '../compiler/lower/plan.js';",
        'cli/a.ts': "import { sim } from '../sim/sim.js';\nimport { check } from '../compiler/check.js';",
        'compiler/a.ts': "import { Span } from './diagnostics.js';",
        'scripts/a.ts': "import { main } from '../cli/main.js';",
      }),
    ).toEqual([]);
  });

  it('finds real time, randomness, timers and sockets in runtime/ and sim/', () => {
    const found = violationsIn({
      'sim/clock.ts': 'export const now = () => Date.now();\nconst r = Math.random();',
      'sim/timers.ts':
        'setTimeout(() => {}, 10);\nconst t = setInterval;\nglobalThis.setImmediate(() => {});',
      'runtime/net.ts': "import { connect } from 'node:net';\nimport * as dgram from 'node:dgram';",
      'runtime/wait.ts':
        "import { setTimeout as sleep } from 'node:timers/promises';\nconst g = globalThis.Date.now();",
      'runtime/spread.ts': 'const api = { setTimeout };',
    });
    expect(found).toEqual([
      'runtime/net.ts:1 nondeterminism',
      'runtime/net.ts:2 nondeterminism',
      'runtime/spread.ts:1 nondeterminism',
      'runtime/wait.ts:1 nondeterminism',
      'runtime/wait.ts:2 nondeterminism',
      'sim/clock.ts:1 nondeterminism',
      'sim/clock.ts:2 nondeterminism',
      'sim/timers.ts:1 nondeterminism',
      'sim/timers.ts:2 nondeterminism',
      'sim/timers.ts:3 nondeterminism',
    ]);
  });

  it('leaves the real-socket adapter, other layers and look-alike names alone', () => {
    expect(
      violationsIn({
        'runtime/net-node/socket.ts':
          "import { createServer } from 'node:net';\nsetTimeout(() => {}, 1);\nDate.now();",
        'cli/up.ts': "import { setTimeout } from 'node:timers/promises';\nDate.now();",
        'compiler/time.ts': 'Math.random();',
        'runtime/conn.ts': [
          'class Conn { setTimeout(ms: number) { return ms; } }',
          'declare const socket: { setTimeout(ms: number): void };',
          'socket.setTimeout(5);',
          'type Handle = ReturnType<typeof setTimeout>;',
          'const { setTimeout: schedule } = clock;',
          'const random = rng.random();',
          'const when = clock.now();',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
