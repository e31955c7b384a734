import { describe, expect, it } from 'vitest';
import { formatSarif, sarifSchemaUri } from '../../../cli/formatters/sarif.js';
import type { Diagnostic } from '../../../compiler/diagnostics.js';
import { SourceFile } from '../../../compiler/source.js';
import { bindError, diagnostic, nameWarning, options, sources } from './fixture.js';

// A parsed SARIF log, checked field by field below.
type Json = any;

function sarif(diagnostics: Diagnostic[], opts = options): Json {
  return JSON.parse(formatSarif(diagnostics, sources, opts));
}

/** The fields SARIF 2.1.0 requires, and the ones GitHub code scanning needs to place a result. */
function expectValidSarif(log: Json): void {
  expect(log.$schema).toBe(sarifSchemaUri);
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  const { driver } = run.tool;
  expect(driver.name).toBe('topo');
  expect(typeof driver.version).toBe('string');
  for (const rule of driver.rules) {
    expect(typeof rule.id).toBe('string');
    expect(typeof rule.shortDescription.text).toBe('string');
    expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
  }
  expect(new Set(driver.rules.map((rule: Json) => rule.id)).size).toBe(driver.rules.length);
  for (const result of run.results) {
    expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning', 'note']).toContain(result.level);
    expect(typeof result.message.text).toBe('string');
    for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
      const { artifactLocation, region } = location.physicalLocation;
      expect(typeof artifactLocation.uri).toBe('string');
      if (artifactLocation.uriBaseId)
        expect(run.originalUriBaseIds[artifactLocation.uriBaseId].uri).toMatch(/\/$/);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        expect(Number.isInteger(region[key]) && region[key] >= 1).toBe(true);
      }
    }
    expect(Object.values(result.partialFingerprints).every((value) => typeof value === 'string')).toBe(true);
  }
}

describe('formatSarif', () => {
  it('describes topo and every rule the caller knows', () => {
    const log = sarif([bindError, nameWarning]);
    expectValidSarif(log);
    expect(log.runs[0].tool.driver).toEqual({
      name: 'topo',
      informationUri: 'https://example.org/topo',
      version: '0.1.0',
      rules: [
        {
          id: 'rtcp-server-bind',
          shortDescription: { text: 'A remote port forward needs a server that allows BIND.' },
          fullDescription: { text: 'gost v3 servers refuse BIND unless bind=true is set.' },
          help: { text: 'Set bind=true on the server the chain ends at.' },
          defaultConfiguration: { level: 'error' },
        },
        {
          id: 'unresolved-name',
          shortDescription: { text: 'Every dialled name should belong to a host.' },
          fullDescription: { text: 'A name no host has cannot be simulated.' },
          help: { text: 'Add the name to the host that owns it.' },
          defaultConfiguration: { level: 'warning' },
        },
      ],
    });
  });

  it('turns each diagnostic into a result with its location, related places and fingerprint', () => {
    const log = sarif([bindError, nameWarning]);
    const [run] = log.runs;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/project/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
    const [result] = run.results;
    expect(result).toMatchObject({
      ruleId: 'rtcp-server-bind',
      ruleIndex: 0,
      level: 'error',
      message: { text: bindError.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'topology.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 38 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          message: { text: 'the relay service this chain reaches' },
          physicalLocation: { region: { startLine: 4, startColumn: 14, endLine: 4, endColumn: 31 } },
        },
      ],
      properties: { host: 'office-gw', help: bindError.help },
    });
    expect(run.results[1].relatedLocations).toBeUndefined();
    expect(run.results[1].level).toBe('warning');
  });

  it('fingerprints by rule, file and message, not by position, and numbers repeats', () => {
    const moved = {
      ...nameWarning,
      span: { ...nameWarning.span, start: { ...nameWarning.span.start, line: 40 } },
    };
    const fingerprint = (d: Diagnostic[]) =>
      sarif(d).runs[0].results.map((result: Json) => Object.values(result.partialFingerprints)[0]);
    const [original] = fingerprint([nameWarning]);
    expect(fingerprint([moved])).toEqual([original]);
    expect(fingerprint([{ ...nameWarning, message: 'another message' }])[0]).not.toBe(original);
    expect(fingerprint([{ ...nameWarning, rule: 'another-rule' }])[0]).not.toBe(original);
    const twice = fingerprint([nameWarning, moved]);
    expect(twice[0]).toMatch(/:1$/);
    expect(twice[1]).toBe(twice[0].replace(/:1$/, ':2'));
  });

  it('adds a rule entry for a rule id the metadata lacks, and maps info to note', () => {
    const log = sarif([diagnostic('mystery', 'info', 'unexplained', 'name')]);
    expectValidSarif(log);
    const { rules } = log.runs[0].tool.driver;
    expect(rules.at(-1)).toEqual({
      id: 'mystery',
      shortDescription: { text: 'mystery' },
      defaultConfiguration: { level: 'note' },
    });
    expect(log.runs[0].results[0]).toMatchObject({ ruleIndex: rules.length - 1, level: 'note' });
  });

  it('uses URIs relative to the working directory, encoded, and absolute ones outside it', () => {
    const inside = new SourceFile('/work/project/my dir/topo#1.yaml', 'x: 1\n');
    const outside = new SourceFile('/elsewhere/topology.yaml', 'x: 1\n');
    const log = sarif([
      { rule: 'r', severity: 'error', message: 'a', span: inside.span(0, 1), related: [] },
      { rule: 'r', severity: 'error', message: 'b', span: outside.span(0, 1), related: [] },
    ]);
    expectValidSarif(log);
    const [a, b] = log.runs[0].results.map(
      (result: Json) => result.locations[0].physicalLocation.artifactLocation,
    );
    expect(a).toEqual({ uri: 'my%20dir/topo%231.yaml', uriBaseId: '%SRCROOT%' });
    expect(b).toEqual({ uri: 'file:///elsewhere/topology.yaml' });
  });

  it('leaves out informationUri when the home page is not known', () => {
    const { informationUri: _, ...withoutUri } = options;
    const log = sarif([], withoutUri);
    expectValidSarif(log);
    expect(log.runs[0].tool.driver).not.toHaveProperty('informationUri');
    expect(log.runs[0].results).toEqual([]);
  });
});
