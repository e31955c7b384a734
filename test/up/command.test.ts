/**
 * `topo up`'s command line: help, defaults, and the mistakes that end it with exit 2 (or 1 for a
 * topology with errors) before anything listens.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { parseUpArgs } from '../../cli/commands/up.js';
import { runCli } from '../../cli/run-cli.js';
import { recordingOutput } from '../cli/fake-context.js';
import { removeTempTopologies, root, tempTopology } from './helpers.js';

afterAll(removeTempTopologies);

async function topo(argv: string[]) {
  const stdout = recordingOutput(false);
  const stderr = recordingOutput(false);
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: {},
    cwd: root,
    signal: new AbortController().signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('topo up --help', () => {
  it('explains the addresses, the entry table, the lifecycle, exit codes, with examples', async () => {
    const { code, stdout } = await topo(['up', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: topo up FILE/);
    for (const text of [
      '127.0.1.1',
      '--port-offset N',
      '--allow-external ADDR',
      '--run-expectations',
      '--no-apps',
      '--log-format FORMAT',
      '--log-level LEVEL',
      'Exit status:',
      '130, 143',
      'topo up examples/relay-remote-forwarding.yaml --port-offset 10000',
    ]) {
      expect(stdout).toContain(text);
    }
  });
});

describe('options', () => {
  it('has defaults for everything but the file', () => {
    expect(parseUpArgs(['t.yaml'])).toEqual({
      file: 't.yaml',
      force: false,
      settings: {
        file: 't.yaml',
        firstAddress: '127.0.1.1',
        externals: [],
        apps: true,
        format: 'pretty',
        logFormat: 'text',
        logLevel: 'info',
        runExpectations: false,
        flowDeadlineMs: 5000,
        readyTimeoutMs: 10_000,
      },
    });
  });

  it('reads hosts, offsets, externals and durations', () => {
    const args = parseUpArgs([
      't.yaml',
      '--host',
      'relay,web',
      '--host',
      'laptop',
      '--port-offset',
      '20000',
      '--allow-external',
      'api.example.com:443=127.0.0.1:8443',
      '--no-apps',
      '--run-expectations',
      '--flow-deadline',
      '2s',
      '--ready-timeout',
      '1m',
      '--log-level',
      'debug',
      '--log-format',
      'json',
      '-f',
      'json',
      '--force',
    ]);
    expect(args).toMatchObject({
      force: true,
      settings: {
        hosts: ['relay', 'web', 'laptop'],
        portOffset: 20_000,
        externals: [
          { match: { host: 'api.example.com', port: 443 }, real: { host: '127.0.0.1', port: 8443 } },
        ],
        apps: false,
        runExpectations: true,
        flowDeadlineMs: 2000,
        readyTimeoutMs: 60_000,
        logLevel: 'debug',
        logFormat: 'json',
        format: 'json',
      },
    });
  });
});

describe('mistakes end with a clear message and exit 2, before anything listens', () => {
  const cases: [string, string[], RegExp][] = [
    ['no file', ['up'], /no topology file given/],
    ['two files', ['up', 'a.yaml', 'b.yaml'], /one topology file at a time/],
    ['an unknown option', ['up', 'a.yaml', '--ports', '1'], /unknown option '--ports'/],
    ['a bad offset', ['up', 'a.yaml', '--port-offset', 'ten'], /--port-offset takes a whole number/],
    ['a bad format', ['up', 'a.yaml', '--format', 'jsn'], /unknown format 'jsn'; did you mean 'json'\?/],
    ['a bad log level', ['up', 'a.yaml', '--log-level', 'verbose'], /unknown log level 'verbose'/],
    ['a bad duration', ['up', 'a.yaml', '--flow-deadline', '5'], /--flow-deadline takes a duration/],
    [
      'an external address off this machine',
      ['up', 'a.yaml', '--allow-external', '10.1.2.3:5432'],
      /--allow-external '10\.1\.2\.3:5432': 10\.1\.2\.3 is not a loopback address; topo up never dials anything off this machine/,
    ],
    ['a missing file', ['up', 'no-such.yaml'], /no-such\.yaml: no such file/],
    [
      'an unknown host',
      ['up', 'examples/relay-remote-forwarding.yaml', '--host', 'relya'],
      /no host named 'relya' in examples\/relay-remote-forwarding\.yaml; did you mean 'relay'\?/,
    ],
    [
      'an offset that pushes a port past 65535',
      ['up', 'examples/relay-remote-forwarding.yaml', '--port-offset', '60000'],
      /--port-offset 60000 does not fit: port 10053 \+ 60000 = 70053 is beyond 65535/,
    ],
    [
      'a first address outside 127/8',
      ['up', 'examples/relay-remote-forwarding.yaml', '--first-address', '10.0.0.1'],
      /the first address must be an IPv4 address in 127\.0\.0\.0\/8/,
    ],
  ];
  it.each(cases)('%s', async (_what, argv, message) => {
    const { code, stdout, stderr } = await topo(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 for a topology with errors, unless --force', async () => {
    const file = tempTopology(
      'broken.yaml',
      'name: broken\nhosts:\n  a:\n    addresses: { lan: 10.0.0.1 }\n    gost: -L tcp://:8080/nowhere:80 -F relay://b:8420\n',
    );
    const { code, stderr } = await topo(['up', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/fix them or pass --force/);
  });
});
