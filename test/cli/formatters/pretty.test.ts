import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../compiler/diagnostics.js';
import { SourceFile } from '../../../compiler/source.js';
import { formatPretty } from '../../../cli/formatters/pretty.js';
import { bindError, diagnostic, nameWarning, options, sources, spanOf } from './fixture.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('formatPretty', () => {
  it('prints location, severity, message, rule id, code frame, related notes, help and a summary', () => {
    expect(formatPretty([bindError, nameWarning], sources, options)).toBe(
      [
        'topology.yaml:6:14: error: relay service on relay does not allow BIND, so the rtcp port 2222 is never opened [rtcp-server-bind]',
        '  |',
        '6 |     gost: -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443',
        '  |              ^~~~~~~~~~~~~~~~~~~~~~~~',
        'topology.yaml:4:14: note: the relay service this chain reaches',
        '  |',
        '4 |     gost: -L relay+wss://:8443',
        '  |              ^~~~~~~~~~~~~~~~~',
        '  = help: add ?bind=true to the relay service: relay+wss://:8443?bind=true',
        '',
        'topology.yaml:6:54: warning: relay.example.com is not a name of any host [unresolved-name]',
        '  |',
        '6 |     gost: -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443',
        '  |                                                      ^~~~~~~~~~~~~~~~~',
        '',
        '1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('colours through style tokens only, and the same text shows without colour', () => {
    const coloured = formatPretty([nameWarning], sources, { ...options, color: true });
    expect(coloured).toBe(
      [
        '\x1b[1mtopology.yaml:6:54:\x1b[0m \x1b[1;33mwarning:\x1b[0m relay.example.com is not a name of any host \x1b[2m[unresolved-name]\x1b[0m',
        '\x1b[1;34m  |\x1b[0m',
        '\x1b[1;34m6 |\x1b[0m     gost: -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443',
        '\x1b[1;34m  |\x1b[0m                                                      \x1b[1;33m^~~~~~~~~~~~~~~~~\x1b[0m',
        '',
        '\x1b[1;33m0 errors, 1 warning\x1b[0m',
        '',
      ].join('\n'),
    );
    const both = [bindError, nameWarning];
    expect(stripAnsi(formatPretty(both, sources, { ...options, color: true }))).toBe(
      formatPretty(both, sources, options),
    );
    expect(formatPretty(both, sources, options)).not.toContain('\x1b');
  });

  it('says so when there is nothing to report', () => {
    expect(formatPretty([], sources, options)).toBe('no problems found\n');
  });

  it('counts errors, warnings and infos in the summary', () => {
    const info = diagnostic('style', 'info', 'just so you know', 'name');
    const out = formatPretty([bindError, bindError, info], sources, options);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 errors, 0 warnings, 1 info');
    expect(out).toContain('topology.yaml:1:1: info: just so you know [style]');
  });

  it('underlines a multi-line span to the end of its first line and says where it ends', () => {
    const start = spanOf('relay:').start.offset;
    const end = spanOf('8443', 4).end.offset;
    const span = { ...sources.get('topology.yaml')!.span(start, end) };
    const out = formatPretty([{ ...nameWarning, span }], sources, options);
    expect(out).toContain(['3 |   relay:', '  |   ^~~~~~ (continues to line 4)'].join('\n'));
  });

  it('treats a span that ends right after a line break as a one-line span', () => {
    const source = sources.get('topology.yaml')!;
    const start = spanOf('name: office').start.offset;
    const span = source.span(start, start + 'name: office\n'.length);
    const out = formatPretty([{ ...nameWarning, span }], sources, options);
    expect(out).toContain(['1 | name: office', '  | ^~~~~~~~~~~~'].join('\n'));
    expect(out).not.toContain('continues');
  });

  it('shares one gutter width between the frames of a diagnostic', () => {
    const text = Array.from({ length: 12 }, (_, i) => `key${i + 1}: value`).join('\n');
    const src = new SourceFile('long.yaml', text);
    const d: Diagnostic = {
      rule: 'dup',
      severity: 'error',
      message: 'duplicate',
      span: spanOf('key12', 1, src),
      related: [{ span: spanOf('key3', 1, src), message: 'first here' }],
    };
    const out = formatPretty([d], new Map([['long.yaml', src]]), options);
    expect(out).toContain(['   |', '12 | key12: value', '   | ^~~~~'].join('\n'));
    expect(out).toContain(['   |', ' 3 | key3: value', '   | ^~~~'].join('\n'));
  });

  it('shows related places in other files, and only the location when the text is not at hand', () => {
    const other = new SourceFile('other.yaml', 'relay: {}\n');
    const d: Diagnostic = {
      ...nameWarning,
      related: [
        { span: other.span(0, 5), message: 'declared here' },
        { span: { ...other.span(0, 5), file: 'gone.yaml' }, message: 'and here' },
      ],
    };
    const out = formatPretty([d], new Map([...sources, ['other.yaml', other]]), options);
    expect(out).toContain(
      [
        'other.yaml:1:1: note: declared here',
        '  |',
        '1 | relay: {}',
        '  | ^~~~~',
        'gone.yaml:1:1: note: and here',
      ].join('\n'),
    );
  });

  it('keeps control characters of the message and the source out of the terminal', () => {
    const src = new SourceFile('evil.yaml', 'key\x1b[31m: x\n');
    const d: Diagnostic = {
      rule: 'schema',
      severity: 'error',
      message: 'unknown key "key\x1b[31m"',
      span: src.span(0, 8),
      related: [],
    };
    const out = formatPretty([d], new Map([['evil.yaml', src]]), options);
    expect(out).not.toContain('\x1b');
    expect(out).toContain('unknown key "key\u241b[31m"');
    expect(out).toContain('1 | key\u241b[31m: x');
  });

  it('indents the continuation lines of a multi-line help', () => {
    const out = formatPretty([{ ...nameWarning, help: 'first\nsecond' }], sources, options);
    expect(out).toContain('  = help: first\n          second\n');
  });
});
