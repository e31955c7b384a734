/**
 * Every assertion of gost's own command-line parser tests (gost-cmd-vectors.json, from go-gost/x
 * config/cmd/cmd_test.go), run against topo's port. Those tests run with an empty protocol
 * registry, so every vector runs with `registry: 'empty'`; the registry-dependent ones hold only
 * there (the binary's behaviour is covered by the docs pairs and the unit tests).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argvTexts } from '../../../compiler/cmd/arg-text.js';
import {
  type BuildContext,
  buildNodeConfig,
  buildServiceConfig,
  decodeSIP002Auth,
  parseAuthFromCmd,
  parseSelector,
} from '../../../compiler/cmd/build-config.js';
import { GoMap } from '../../../compiler/cmd/go-metadata.js';
import { formatGoURL, parseGoURL } from '../../../compiler/cmd/go-url.js';
import { component, cutHost, type LocatedURL, norm } from '../../../compiler/cmd/go-url-loc.js';
import { ArgSpace } from '../../../compiler/cmd/located.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import type { GoKind } from '../../../compiler/emit/go-schema.js';
import { checkExpectation, type GoRoot } from './go-expect.js';

interface Vector {
  name: string;
  function: string;
  services: string[] | string | null;
  nodes: string[] | string | null;
  input?: string;
  input_map?: Record<string, unknown>;
  node_m?: Record<string, unknown> | null;
  expect: Record<string, unknown>;
  expect_error: boolean;
  registry_dependent: boolean;
}

const file = new URL('../../../../shared/conformance/gost-cmd-vectors.json', import.meta.url);
const vectors = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors;

const ptr = (type: string): GoKind => ({ kind: 'struct', type, pointer: true });
const list = (of: GoKind): GoKind => ({ kind: 'slice', of });

function context(texts: string[]): { ctx: BuildContext; space: ArgSpace; errors: string[] } {
  const space = new ArgSpace(argvTexts(texts));
  const errors: string[] = [];
  const ctx: BuildContext = {
    space,
    isRegistered: () => false,
    targetPrefix: '',
    report: (p) => {
      if (p.severity === 'error') errors.push(p.message);
    },
  };
  return { ctx, space, errors };
}

/** url.Parse of a raw URL (no Norm), as the buildServiceConfig/buildNodeConfig tests call it. */
function rawURL(space: ArgSpace): LocatedURL {
  const loc = space.arg(0);
  const parsed = parseGoURL(loc.text);
  if (!parsed.ok) throw new Error(`test input does not parse: ${parsed.error}`);
  return { url: parsed.url, loc, host: component(loc, parsed.url.ranges.host) };
}

function first(v: string[] | string | null): string {
  if (Array.isArray(v)) return v[0]!;
  return v ?? '';
}

/** Runs the function under test; returns the Go roots it produces, or 'error'. */
function run(v: Vector): Record<string, GoRoot> | 'error' {
  switch (v.function) {
    case 'decodeSIP002Auth': {
      const parsed = parseGoURL(v.input!);
      if (!parsed.ok) return 'error';
      return { auth: { value: decodeSIP002Auth(parsed.url.user), type: ptr('AuthConfig') } };
    }
    case 'parseAuthFromCmd': {
      const auth = parseAuthFromCmd(v.input!);
      return auth ? { auth: { value: auth, type: ptr('AuthConfig') } } : 'error';
    }
    case 'Norm': {
      const space = new ArgSpace(argvTexts([v.input!]));
      const r = norm(space.arg(0));
      if (!r.ok) return 'error';
      return { u: { value: r.value.url, type: { kind: 'any' }, call: () => formatGoURL(r.value.url) } };
    }
    case 'cutHost': {
      const space = new ArgSpace(argvTexts([v.input!]));
      const { host, remain } = cutHost(space.arg(0));
      return {
        host: { value: host.text, type: { kind: 'string' } },
        remain: { value: remain.text, type: { kind: 'string' } },
      };
    }
    case 'parseSelector': {
      const { space } = context(['-']);
      const m = GoMap.of(v.input_map ?? {}, space.span(0, 0));
      const sel = parseSelector(m);
      return {
        sel: { value: sel?.selector, type: ptr('SelectorConfig') },
        input_map_after: { value: m.toObject() ?? {}, type: { kind: 'map', of: { kind: 'any' } } },
      };
    }
    case 'buildNodeConfig': {
      const { ctx, space, errors } = context([first(v.nodes)]);
      const m = GoMap.of(v.node_m ?? {}, space.span(0, 0));
      const built = buildNodeConfig(ctx, rawURL(space), m);
      if (!built || errors.length > 0) return 'error';
      return { node: { value: built.node, type: ptr('NodeConfig') } };
    }
    case 'buildServiceConfig': {
      const { ctx, space, errors } = context([first(v.services)]);
      const built = buildServiceConfig(ctx, rawURL(space));
      if (!built || errors.length > 0) return 'error';
      return { svcs: { value: built.map((b) => b.service), type: list(ptr('ServiceConfig')) } };
    }
    case 'BuildConfigFromCmd': {
      const argv = [
        ...((v.services as string[] | null) ?? []).flatMap((s) => ['-L', s]),
        ...((v.nodes as string[] | null) ?? []).flatMap((s) => ['-F', s]),
      ];
      const result = parseGostArgs(argvTexts(argv), { registry: 'empty', purpose: 'print' });
      if (result.diagnostics.some((d) => d.severity === 'error')) return 'error';
      const config = result.groups[0]?.config ?? {};
      return { cfg: { value: config, type: ptr('Config') } };
    }
    default:
      throw new Error(`no harness for ${v.function}`);
  }
}

describe('gost cmd_test.go vectors', () => {
  it('covers every function the vectors test', () => {
    const functions = new Set(vectors.map((v) => v.function));
    expect([...functions].sort()).toEqual([
      'BuildConfigFromCmd',
      'Norm',
      'buildNodeConfig',
      'buildServiceConfig',
      'cutHost',
      'decodeSIP002Auth',
      'parseAuthFromCmd',
      'parseSelector',
    ]);
  });

  for (const v of vectors) {
    it(v.name, () => {
      const result = run(v);
      if (v.expect_error) {
        expect(result).toBe('error');
        return;
      }
      expect(result).not.toBe('error');
      const roots = result as Record<string, GoRoot>;
      const failures = Object.entries(v.expect)
        .map(([path, want]) => checkExpectation(roots, path, want))
        .filter((f): f is string => f !== undefined);
      expect(failures).toEqual([]);
    });
  }
});
