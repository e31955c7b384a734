/**
 * SARIF 2.1.0 for code-scanning services (GitHub's upload-sarif among them): one run, topo as the
 * tool with its rule table, one result per diagnostic. Columns count UTF-16 code units and region
 * ends are exclusive, which is what topo's spans already are.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, Severity, Span } from '../../compiler/diagnostics.js';
import { artifactUri, directoryUri } from './paths.js';
import type { FormatOptions, Formatter, RuleInfo } from './types.js';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
const baseId = '%SRCROOT%';
/** Name of topo's fingerprint in partialFingerprints; bump the version if the recipe changes. */
const fingerprintKey = 'topoDiagnostic/v1';

type SarifLevel = 'error' | 'warning' | 'note';
const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export const formatSarif: Formatter = (diagnostics, _sources, options) =>
  `${JSON.stringify(sarifLog(diagnostics, options), null, 2)}\n`;

export function sarifLog(
  diagnostics: readonly Diagnostic[],
  options: FormatOptions,
): Record<string, unknown> {
  const rules = ruleTable(diagnostics, options.rules);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const occurrences = new Map<string, number>();

  const results = diagnostics.map((diagnostic) => {
    const location = physicalLocation(diagnostic.span, options.cwd);
    const fingerprint = fingerprintOf(diagnostic, location.artifactLocation.uri);
    const occurrence = (occurrences.get(fingerprint) ?? 0) + 1;
    occurrences.set(fingerprint, occurrence);
    const properties = {
      ...(diagnostic.host !== undefined ? { host: diagnostic.host } : {}),
      ...(diagnostic.help !== undefined ? { help: diagnostic.help } : {}),
    };
    return {
      ruleId: diagnostic.rule,
      ruleIndex: ruleIndex.get(diagnostic.rule)!,
      level: levels[diagnostic.severity],
      message: { text: diagnostic.message },
      locations: [{ physicalLocation: location }],
      ...(diagnostic.related.length > 0
        ? {
            relatedLocations: diagnostic.related.map((related, index) => ({
              id: index + 1,
              physicalLocation: physicalLocation(related.span, options.cwd),
              message: { text: related.message },
            })),
          }
        : {}),
      partialFingerprints: { [fingerprintKey]: `${fingerprint}:${occurrence}` },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  });

  const driver = {
    name: 'topo',
    ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
    version: options.toolVersion,
    rules,
  };
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { [baseId]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

/**
 * The caller's rules in their order, then any rule id a diagnostic uses that the metadata lacks,
 * so every result's ruleIndex points at an entry.
 */
function ruleTable(diagnostics: readonly Diagnostic[], known: readonly RuleInfo[]): SarifRule[] {
  const rules: SarifRule[] = known.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why },
    help: { text: rule.docs.fix },
    defaultConfiguration: { level: levels[rule.severity] },
  }));
  const ids = new Set(rules.map((rule) => rule.id));
  for (const diagnostic of diagnostics) {
    if (ids.has(diagnostic.rule)) continue;
    ids.add(diagnostic.rule);
    rules.push({
      id: diagnostic.rule,
      shortDescription: { text: diagnostic.rule },
      defaultConfiguration: { level: levels[diagnostic.severity] },
    });
  }
  return rules;
}

function physicalLocation(span: Span, cwd: string) {
  return {
    artifactLocation: artifactUri(span.file, cwd, baseId),
    region: {
      startLine: span.start.line,
      startColumn: span.start.column,
      endLine: span.end.line,
      endColumn: span.end.column,
    },
  };
}

/** Stable across runs and unaffected by line moves: the rule, the file and the message. */
function fingerprintOf(diagnostic: Diagnostic, uri: string): string {
  return createHash('sha256')
    .update(`${diagnostic.rule}\0${uri}\0${diagnostic.message}`)
    .digest('hex')
    .slice(0, 32);
}
