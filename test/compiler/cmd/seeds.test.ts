/**
 * Every `gost …` command line in the documents topo was created from must read cleanly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineArgText } from '../../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import { splitShellWords } from '../../../compiler/cmd/shell-words.js';

const dir = new URL('../../../../shared/seeds/', import.meta.url);
const lines = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) =>
    readFileSync(new URL(f, dir), 'utf8')
      .split('\n')
      .map((text, i) => ({ where: `${f}:${i + 1}`, text: text.trim() }))
      .filter((l) => /^gost\s+-/.test(l.text)),
  );

describe('seed command lines', () => {
  it('finds the command lines of the seeds', () => {
    expect(lines.length).toBeGreaterThanOrEqual(40);
  });

  for (const line of lines) {
    it(`${line.where}: ${line.text}`, () => {
      const split = splitShellWords(lineArgText(line.text, line.where));
      expect(split.diagnostics).toEqual([]);
      const [gost, ...args] = split.words;
      expect(gost!.text).toBe('gost');
      const result = parseGostArgs(args);
      expect(result.diagnostics).toEqual([]);
      expect(result.groups).toHaveLength(1);
      expect(result.groups[0]!.config.services?.length).toBeGreaterThan(0);
    });
  }
});
