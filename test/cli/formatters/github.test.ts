import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../../cli/formatters/github.js';
import { SourceFile } from '../../../compiler/source.js';
import { bindError, diagnostic, nameWarning, options, sources, spanOf } from './fixture.js';

describe('formatGithub', () => {
  it('writes one workflow command per diagnostic, related places and help encoded into the message', () => {
    expect(formatGithub([bindError, nameWarning], sources, options)).toBe(
      '::error file=topology.yaml,line=6,col=14,endLine=6,endColumn=37,title=rtcp-server-bind::' +
        'relay service on relay does not allow BIND, so the rtcp port 2222 is never opened' +
        '%0Anote: topology.yaml:4:14: the relay service this chain reaches' +
        '%0Ahelp: add ?bind=true to the relay service: relay+wss://:8443?bind=true\n' +
        '::warning file=topology.yaml,line=6,col=54,endLine=6,endColumn=70,title=unresolved-name::' +
        'relay.example.com is not a name of any host\n',
    );
  });

  it('uses notice for infos', () => {
    const out = formatGithub([diagnostic('style', 'info', 'fyi', 'name')], sources, options);
    expect(
      out.startsWith('::notice file=topology.yaml,line=1,col=1,endLine=1,endColumn=4,title=style::fyi'),
    ).toBe(true);
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir,with:odd%name\n')).toBe('dir%2Cwith%3Aodd%25name%0A');
    const source = new SourceFile('a,b:c.yaml', 'x: 1\n');
    const out = formatGithub(
      [{ rule: 'r', severity: 'error', message: '50%\nsecond', span: source.span(0, 1), related: [] }],
      new Map([['a,b:c.yaml', source]]),
      options,
    );
    expect(out).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=1,col=1,endLine=1,endColumn=1,title=r::50%25%0Asecond\n',
    );
  });

  it('leaves out columns for a span over several lines, which annotations cannot show', () => {
    const start = spanOf('relay:').start.offset;
    const span = sources.get('topology.yaml')!.span(start, spanOf('8443', 4).end.offset);
    const out = formatGithub([{ ...nameWarning, span }], sources, options);
    expect(out.startsWith('::warning file=topology.yaml,line=3,endLine=4,title=unresolved-name::')).toBe(
      true,
    );
  });

  it('makes file paths relative to the working directory', () => {
    const source = new SourceFile('/work/project/deploy/topology.yaml', 'x: 1\n');
    const out = formatGithub(
      [{ rule: 'r', severity: 'warning', message: 'm', span: source.span(0, 1), related: [] }],
      new Map(),
      options,
    );
    expect(out).toContain('file=deploy/topology.yaml,');
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatGithub([], sources, options)).toBe('');
  });
});
