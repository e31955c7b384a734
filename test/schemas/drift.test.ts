import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypes, projectRoot, typeTargets } from '../../scripts/gen-types.js';

describe('types generated from the schemas', () => {
  const root = projectRoot();
  const generated = generateTypes(root);

  it('covers every schema', () => {
    expect([...generated.keys()].sort()).toEqual(typeTargets.map((t) => t.output).sort());
  });

  it.each(typeTargets.map((t) => [t.output, t.schema] as const))(
    '%s is up to date with %s',
    (output, schema) => {
      const committed = readFileSync(join(root, output), 'utf8');
      expect(committed, `${output} differs from what ${schema} produces: run npm run gen:types`).toBe(
        generated.get(output),
      );
    },
  );

  it('opens each file with a header saying it is generated and how to regenerate it', () => {
    for (const [output, text] of generated) {
      const header = text.slice(0, text.indexOf('*/'));
      expect(header, output).toContain('Generated from');
      expect(header, output).toContain('npm run gen:types');
    }
  });

  it('imports the gost config type into the topology types instead of duplicating it', () => {
    const topology = generated.get('compiler/topology/types.generated.ts')!;
    expect(topology).toContain("import type { GostConfig } from '../gost/config.generated.js';");
    expect(topology).toMatch(/config\?: GostConfig;/);
  });
});
