import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/command.js';
import { type CheckCompiler, createCheckCommand, parseCheckArgs } from '../../../cli/commands/check.js';
import checkCommand from '../../../cli/commands/check.js';
import { maxInputBytes } from '../../../cli/read-input.js';
import { runCli } from '../../../cli/run-cli.js';
import type { Diagnostic } from '../../../compiler/diagnostics.js';
import { SourceFile } from '../../../compiler/source.js';
import { fakeContext, recordingOutput } from '../fake-context.js';

const dir = mkdtempSync(join(tmpdir(), 'topo-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/**
 * A stand-in for the compiler: every ERROR or WARN word in the text is a finding, and env:VAR
 * with VAR unset is an error, so tests control the outcome through the file content.
 */
function fakeCompiler() {
  const calls: { file: string; text: string }[] = [];
  const compiler: CheckCompiler = {
    checkSource(name, text, env) {
      calls.push({ file: name, text });
      const source = new SourceFile(name, text);
      const diagnostics: Diagnostic[] = [];
      for (const match of text.matchAll(/\bERROR\b|\bWARN\b|\benv:(\w+)/g)) {
        const span = source.span(match.index, match.index + match[0].length);
        if (match[1] !== undefined) {
          if (env[match[1]] === undefined) {
            diagnostics.push({
              rule: 'env-missing',
              severity: 'error',
              message: `${match[1]} is not set`,
              span,
              related: [],
            });
          }
        } else if (match[0] === 'ERROR') {
          diagnostics.push({ rule: 'fake-error', severity: 'error', message: 'an error', span, related: [] });
        } else {
          diagnostics.push({
            rule: 'fake-warning',
            severity: 'warning',
            message: 'a warning',
            span,
            related: [],
          });
        }
      }
      return { sources: new Map([[name, source]]), diagnostics };
    },
    allRules: [
      {
        id: 'fake-error',
        severity: 'error',
        docs: { summary: 'Errors are bad.', why: 'Because.', fix: 'Remove the word.' },
      },
    ],
  };
  let loads = 0;
  const command = createCheckCommand(async () => {
    loads++;
    return compiler;
  });
  return { command, calls, loads: () => loads };
}

async function run(argv: string[], overrides: Parameters<typeof fakeContext>[1] = {}) {
  const fake = fakeCompiler();
  const ctx = fakeContext(argv, { cwd: dir, ...overrides });
  const code = await fake.command.run(ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text, calls: fake.calls, loads: fake.loads() };
}

describe('topo check: results', () => {
  it('exits 0 and says so for a clean file', async () => {
    const result = await run([file('clean.yaml', 'name: ok\n')]);
    expect(result).toMatchObject({ code: 0, stdout: 'no problems found\n', stderr: '' });
  });

  it('exits 0 with warnings only, 1 with an error', async () => {
    expect((await run([file('warn.yaml', 'name: WARN\n')])).code).toBe(0);
    const result = await run([file('error.yaml', 'name: x\nhosts: ERROR\n')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'error.yaml:2:8: error: an error [fake-error]',
        '  |',
        '2 | hosts: ERROR',
        '  |        ^~~~~',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('passes the environment to the compiler', async () => {
    file('env.yaml', 'password: env:SECRET\n');
    expect((await run(['env.yaml'])).code).toBe(1);
    expect((await run(['env.yaml'], { env: { SECRET: 'x' } })).code).toBe(0);
  });

  it('prints JSON with --format json, -f json and --format=json', async () => {
    file('both.yaml', 'a: WARN\nb: ERROR\n');
    for (const argv of [
      ['--format', 'json', 'both.yaml'],
      ['-f', 'json', 'both.yaml'],
      ['both.yaml', '--format=json'],
    ]) {
      const result = await run(argv);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.summary).toEqual({ errors: 1, warnings: 1 });
      expect(report.diagnostics.map((d: { rule: string; line: number }) => [d.rule, d.line])).toEqual([
        ['fake-warning', 1],
        ['fake-error', 2],
      ]);
    }
  });

  it('prints SARIF with the compiler rules and the input rules', async () => {
    const result = await run(['--format', 'sarif', file('sarif.yaml', 'b: ERROR\n')]);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    const { driver } = log.runs[0].tool;
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['fake-error', 'encoding']);
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('sarif.yaml');
  });

  it('prints GitHub annotations', async () => {
    const result = await run(['--format', 'github', file('gh.yaml', 'b: ERROR\n')]);
    expect(result.stdout).toBe(
      '::error file=gh.yaml,line=1,col=4,endLine=1,endColumn=8,title=fake-error::an error\n',
    );
  });

  it('colours pretty output when the context allows colour', async () => {
    const result = await run([file('colour.yaml', 'b: ERROR\n')], { color: true });
    expect(result.stdout).toContain('\x1b[1;31merror:\x1b[0m');
  });

  it('checks several files and reports them in file order, each file once', async () => {
    file('one.yaml', 'x: ERROR\n');
    file('two.yaml', 'y: WARN\n');
    const result = await run(['two.yaml', 'one.yaml', './two.yaml', join(dir, 'one.yaml')]);
    expect(result.calls.map((call) => call.file)).toEqual(['two.yaml', 'one.yaml']);
    expect(result.stdout.indexOf('one.yaml:1:4')).toBeLessThan(result.stdout.indexOf('two.yaml:1:4'));
    expect(result.code).toBe(1);
  });
});

describe('topo check: input problems', () => {
  it('reports a missing file in one line, exit 2, without loading the compiler', async () => {
    const result = await run(['missing.yaml']);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'topo check: missing.yaml: no such file; check the path\n',
      loads: 0,
    });
  });

  it('reports a directory, exit 2', async () => {
    mkdirSync(join(dir, 'a-dir'));
    const result = await run(['a-dir']);
    expect(result).toMatchObject({
      code: 2,
      stderr: 'topo check: a-dir: this is a directory; give the topology file inside it\n',
    });
  });

  it('reports an empty file, exit 2', async () => {
    const result = await run([file('empty.yaml', '')]);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'topo check: empty.yaml: the file is empty; write a topology in it (see docs/topology.md)\n',
    });
  });

  it('refuses a file over the size limit, exit 2', async () => {
    file('huge.yaml', '');
    truncateSync(join(dir, 'huge.yaml'), maxInputBytes + 1);
    const result = await run(['huge.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'topo check: huge.yaml: the file is 16777217 bytes, past the 16 MiB limit for a topology; check that this is the right file\n',
    );
    expect(result.loads).toBe(0);
  });

  it('reports binary content as an encoding error at its place, exit 1, without loading the compiler', async () => {
    const result = await run([file('binary.yaml', Buffer.from([0x61, 0x3a, 0x0a, 0x50, 0x00, 0x01, 0xfe]))]);
    expect(result.code).toBe(1);
    expect(result.loads).toBe(0);
    expect(result.stdout).toBe(
      [
        'binary.yaml:2:2: error: the file contains a NUL byte (byte 4), so it is binary, not a YAML topology; check that this is the right file [encoding]',
        '  |',
        '2 | P\u2400\u2401\uFFFD',
        '  |  ^',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('reports text that is not UTF-8 as an encoding error', async () => {
    const result = await run([
      '-f',
      'json',
      file('latin1.yaml', Buffer.from([0x6e, 0x3a, 0x20, 0xe9, 0x0a])),
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([
      {
        rule: 'encoding',
        severity: 'error',
        message: 'the file is not valid UTF-8 (byte 0xe9 at byte 3); save it as UTF-8',
        file: 'latin1.yaml',
        line: 1,
        column: 4,
        endLine: 1,
        endColumn: 5,
        related: [],
      },
    ]);
  });

  it('stops without a report when interrupted', async () => {
    const fake = fakeCompiler();
    const ctx = fakeContext([file('late.yaml', 'x: ERROR\n')], { cwd: dir, signal: AbortSignal.abort() });
    await expect(fake.command.run(ctx)).rejects.toThrow();
    expect(ctx.stdout.text).toBe('');
    expect(fake.calls).toEqual([]);
  });

  it('still reports the readable files when another cannot be read, and exits 2', async () => {
    file('good.yaml', 'x: ERROR\n');
    const result = await run(['good.yaml', 'nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('good.yaml:1:4: error: an error [fake-error]');
    expect(result.stderr).toBe('topo check: nope.yaml: no such file; check the path\n');
  });
});

describe('topo check: command line', () => {
  it('needs at least one file', () => {
    expect(() => parseCheckArgs([])).toThrow(
      new UsageError('no topology file given (for example: topo check topology.yaml)'),
    );
  });

  it('rejects an unknown format with a suggestion', () => {
    expect(() => parseCheckArgs(['--format', 'jsn', 'x.yaml'])).toThrow(
      new UsageError("unknown format 'jsn'; did you mean 'json'?"),
    );
    expect(() => parseCheckArgs(['--format', 'xml', 'x.yaml'])).toThrow(
      new UsageError("unknown format 'xml'; use one of pretty, json, sarif, github"),
    );
  });

  it('rejects unknown options and a --format without a value', () => {
    expect(() => parseCheckArgs(['--frobnicate', 'x.yaml'])).toThrow(
      new UsageError("unknown option '--frobnicate'"),
    );
    expect(() => parseCheckArgs(['x.yaml', '--format'])).toThrow(
      new UsageError('--format needs a value: pretty, json, sarif, github'),
    );
    expect(() => parseCheckArgs(['x.yaml', '--help=yes'])).toThrow(
      new UsageError('-h, --help takes no value'),
    );
  });

  it('takes files that start with a dash after --', () => {
    expect(parseCheckArgs(['--', '-odd.yaml']).files).toEqual(['-odd.yaml']);
  });

  it('prints its help with the formats, exit codes and examples', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(checkCommand.help);
    for (const text of [
      'pretty',
      'json',
      'sarif',
      'github',
      'Exit status',
      'Examples',
      'topo check topology.yaml',
    ]) {
      expect(checkCommand.help).toContain(text);
    }
  });

  it('goes through the CLI as a usage error, exit 2', async () => {
    const stdout = recordingOutput();
    const stderr = recordingOutput();
    const entries = [
      {
        name: 'check',
        summary: checkCommand.summary,
        load: async () => ({ default: fakeCompiler().command }),
      },
    ];
    const io = { stdout, stderr, env: {}, cwd: dir, signal: new AbortController().signal };
    expect(await runCli(['check', '--format', 'xml', 'x.yaml'], io, entries)).toBe(2);
    expect(stderr.text).toBe(
      "topo check: unknown format 'xml'; use one of pretty, json, sarif, github\nrun 'topo check --help' for usage\n",
    );
  });
});
