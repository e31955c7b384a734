/**
 * `topo check` on every broken fixture, in every output format: the rule named in the fixture's
 * header fires at the place the header describes, the exit status follows the severity, and the
 * whole diagnostic list matches the fixture's `.out` golden (actionlint style,
 * `file:line:col: message [rule]`). Run with UPDATE_GOLDENS=1 to rewrite the goldens.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import checkCommand from '../../cli/commands/check.js';
import { formatNames } from '../../cli/formatters/index.js';
import type { JsonReport } from '../../cli/formatters/json.js';
import { fakeContext } from '../cli/fake-context.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtureDir = 'test/fixtures/broken';
const formats = ['pretty', 'json', 'sarif', 'github'] as const;

/**
 * Where each fixture's rule fires, worked out from the fixture text (the header says what the
 * finding is about; these are the line and column of those characters).
 */
const expectedPlace: Record<string, { line: number; column: number }> = {
  'auth-mismatch': { line: 23, column: 51 }, // `gost:s3cret` userinfo of the laptop's -F
  'connector-handler-mismatch': { line: 23, column: 39 }, // `socks5` scheme of the laptop's -F
  'env-missing': { line: 19, column: 31 }, // `${TOPO_FIXTURE_RELAY_PASSWORD}`
  'forward-connector-no-target': { line: 24, column: 29 }, // `forward` of the laptop's -F
  'node-unreachable': { line: 24, column: 51 }, // `10.10.0.1:8420` of the -F
  'port-collision': { line: 33, column: 21 }, // site-b-gw's `0.0.0.0:2222`
  'port-range-mismatch': { line: 19, column: 20 }, // `:8000-8003` of the -L
  'relay-nodelay': { line: 23, column: 51 }, // `relay.example.com:8420` of the -F
  'rtcp-bind-disabled': { line: 23, column: 14 }, // `rtcp` of the gateway's -L
  'rtcp-chain-on-handler': { line: 31, column: 13 }, // `chain: chain-0` under handler
  'rtcp-relay-forward-mode': { line: 26, column: 14 }, // `rtcp` of the gateway's -L
  'transport-mismatch': { line: 23, column: 45 }, // `wss` of `relay+wss`
  'transport-params-mismatch': { line: 23, column: 73 }, // the client's `path=/ws-tunnel`
  'udp-server-option': { line: 24, column: 14 }, // `udp` of the laptop's -L
  'undefined-chain': { line: 29, column: 13 }, // `chain: chain-1` under handler
  'unknown-key': { line: 39, column: 44 }, // `ws` inside the connector map
};

interface Header {
  rule: string;
  severity: 'error' | 'warning';
}

function header(text: string, file: string): Header {
  const m = /^# Rule: ([a-z0-9-]+) \((error|warning)\b/m.exec(text);
  if (!m) throw new Error(`${file} has no "# Rule: <id> (<severity>" header line`);
  return { rule: m[1]!, severity: m[2] as Header['severity'] };
}

async function check(file: string, format: string) {
  const ctx = fakeContext(['--format', format, file], { cwd: root, env: {} });
  const code = await checkCommand.run(ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text };
}

/** The golden form of a JSON report: one `file:line:col: message [rule]` line per diagnostic, sorted. */
function goldenOf(report: JsonReport): string {
  const lines = report.diagnostics
    .map((d) => ({ d, text: `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]` }))
    .sort(
      (a, b) =>
        a.d.line - b.d.line || a.d.column - b.d.column || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    )
    .map((x) => x.text);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

const names = readdirSync(join(root, fixtureDir))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

describe('broken fixtures', () => {
  it('every fixture has an expected place, and every expected place a fixture', () => {
    expect(names).toEqual(Object.keys(expectedPlace).sort());
  });

  for (const name of names) {
    describe(name, () => {
      const file = `${fixtureDir}/${name}.yaml`;
      const { rule, severity } = header(readFileSync(join(root, file), 'utf8'), file);
      const { line, column } = expectedPlace[name] ?? { line: 0, column: 0 };

      it('json: the rule fires at its place, and the report matches the golden', async () => {
        const { code, stdout, stderr } = await check(file, 'json');
        expect(stderr).toBe('');
        const report = JSON.parse(stdout) as JsonReport;
        expect(report.diagnostics).toContainEqual(
          expect.objectContaining({ rule, severity, file, line, column }),
        );
        const hasErrors = report.diagnostics.some((d) => d.severity === 'error');
        expect(report.summary.errors > 0).toBe(hasErrors);
        expect(code).toBe(hasErrors ? 1 : 0);
        if (severity === 'error') expect(code).toBe(1);

        const golden = goldenOf(report);
        const goldenPath = join(root, fixtureDir, `${name}.out`);
        if (process.env.UPDATE_GOLDENS === '1') writeFileSync(goldenPath, golden);
        expect(existsSync(goldenPath), `${goldenPath} is missing (run with UPDATE_GOLDENS=1)`).toBe(true);
        expect(golden).toBe(readFileSync(goldenPath, 'utf8'));
      });

      it('pretty: a located headline with severity and rule id', async () => {
        const { code, stdout } = await check(file, 'pretty');
        const headline = new RegExp(
          `^${regexpLiteral(`${file}:${line}:${column}: ${severity}: `)}.* ${regexpLiteral(`[${rule}]`)}$`,
          'm',
        );
        expect(stdout).toMatch(headline);
        expect(code).toBe(await exitOf(file));
      });

      it('sarif: a result with the rule id, level and region', async () => {
        const { code, stdout } = await check(file, 'sarif');
        const log = JSON.parse(stdout) as {
          runs: {
            tool: { driver: { rules: { id: string }[] } };
            results: {
              ruleId: string;
              level: string;
              locations: {
                physicalLocation: {
                  artifactLocation: { uri: string };
                  region: { startLine: number; startColumn: number };
                };
              }[];
            }[];
          }[];
        };
        const run = log.runs[0]!;
        expect(run.tool.driver.rules.map((r) => r.id)).toContain(rule);
        const hit = run.results.find(
          (r) =>
            r.ruleId === rule &&
            r.locations[0]!.physicalLocation.region.startLine === line &&
            r.locations[0]!.physicalLocation.region.startColumn === column,
        );
        expect(hit, `no ${rule} result at ${line}:${column}`).toBeDefined();
        expect(hit!.level).toBe(severity);
        expect(hit!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(file);
        expect(code).toBe(await exitOf(file));
      });

      it('github: an annotation command with the file, line, column and rule', async () => {
        const { code, stdout } = await check(file, 'github');
        const command = new RegExp(
          `^::${severity} file=${regexpLiteral(file)},line=${line},col=${column},endLine=\\d+,endColumn=\\d+,title=${regexpLiteral(rule)}::`,
          'm',
        );
        expect(stdout).toMatch(command);
        expect(code).toBe(await exitOf(file));
      });
    });
  }
});

const exits = new Map<string, number>();
/** The exit status of the json run, which every other format must share. */
async function exitOf(file: string): Promise<number> {
  let code = exits.get(file);
  if (code === undefined) {
    code = (await check(file, 'json')).code;
    exits.set(file, code);
  }
  return code;
}

function regexpLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

it('the formats checked here are all the formats topo check offers', () => {
  expect([...formatNames].sort()).toEqual([...formats].sort());
});
