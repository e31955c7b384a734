import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../cli/formatters/json.js';
import { bindError, diagnostic, nameWarning, options, sources } from './fixture.js';

describe('formatJson', () => {
  it('writes the documented document with a fixed key order and 2-space indent', () => {
    expect(formatJson([bindError, nameWarning], sources, options)).toBe(
      `${[
        '{',
        '  "diagnostics": [',
        '    {',
        '      "rule": "rtcp-server-bind",',
        '      "severity": "error",',
        '      "message": "relay service on relay does not allow BIND, so the rtcp port 2222 is never opened",',
        '      "file": "topology.yaml",',
        '      "line": 6,',
        '      "column": 14,',
        '      "endLine": 6,',
        '      "endColumn": 38,',
        '      "host": "office-gw",',
        '      "related": [',
        '        {',
        '          "file": "topology.yaml",',
        '          "line": 4,',
        '          "column": 14,',
        '          "endLine": 4,',
        '          "endColumn": 31,',
        '          "message": "the relay service this chain reaches"',
        '        }',
        '      ],',
        '      "help": "add ?bind=true to the relay service: relay+wss://:8443?bind=true"',
        '    },',
        '    {',
        '      "rule": "unresolved-name",',
        '      "severity": "warning",',
        '      "message": "relay.example.com is not a name of any host",',
        '      "file": "topology.yaml",',
        '      "line": 6,',
        '      "column": 54,',
        '      "endLine": 6,',
        '      "endColumn": 71,',
        '      "host": "office-gw",',
        '      "related": []',
        '    }',
        '  ],',
        '  "summary": {',
        '    "errors": 1,',
        '    "warnings": 1',
        '  }',
        '}',
      ].join('\n')}\n`,
    );
  });

  it('leaves out host and help when a diagnostic has none, and counts only errors and warnings', () => {
    const info = diagnostic('style', 'info', 'fyi', 'name');
    const parsed = JSON.parse(formatJson([info], sources, options));
    expect(Object.keys(parsed)).toEqual(['diagnostics', 'summary']);
    expect(Object.keys(parsed.diagnostics[0])).toEqual([
      'rule',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'related',
    ]);
    expect(parsed.summary).toEqual({ errors: 0, warnings: 0 });
  });

  it('writes an empty list when there is nothing to report', () => {
    expect(JSON.parse(formatJson([], sources, options))).toEqual({
      diagnostics: [],
      summary: { errors: 0, warnings: 0 },
    });
  });
});
