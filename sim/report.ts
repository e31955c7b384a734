/**
 * A simulation's result as text: a summary table with the hop-by-hop trace of failing flows, JSON,
 * or JUnit XML with one test case per expectation. Pure functions of the result; colour comes in
 * through `paint`, so uncoloured output is the same text without escape codes.
 */

import type { Observed } from './disposition.js';
import type { Expected, FlowResult, SimResult } from './index.js';
import type { TraceHop } from './trace.js';

export type PaintToken = 'error' | 'success' | 'heading' | 'emphasis' | 'rule' | 'location';
export type Paint = (text: string, token: PaintToken) => string;

const plain: Paint = (text) => text;

export function describeExpected(e: Expected): string {
  if (e.arrives !== undefined)
    return `arrives ${e.arrives}${e.via?.length ? ` via ${e.via.join(', ')}` : ''}`;
  return `fails ${e.fails ?? ''}`;
}

export function describeObserved(o: Observed): string {
  const parts: string[] = [o.disposition];
  if (o.arrivedAt) parts.push(o.arrivedAt);
  if (o.status) parts.push(`(${o.status})`);
  return parts.join(' ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

export function reproduceHint(file: string, seed: number): string {
  return `reproduce with: topo sim ${file} --seed ${seed}`;
}

/** One hop per line: time, host, service, component, action, detail. */
export function formatTrace(trace: readonly TraceHop[], paint: Paint = plain, indent = '  '): string {
  if (trace.length === 0) return `${indent}(no recorded steps)\n`;
  const hostWidth = Math.min(20, Math.max(...trace.map((h) => h.host.length)));
  const serviceWidth = Math.min(20, Math.max(0, ...trace.map((h) => (h.service ?? '').length)));
  const lines = trace.map((h) => {
    const mark = h.ok === false ? paint('✗', 'error') : h.ok === true ? paint('✓', 'success') : ' ';
    const bytes = h.bytes !== undefined ? ` [${h.bytes} B]` : '';
    return [
      indent,
      paint(seconds(h.t).padStart(9), 'rule'),
      ' ',
      mark,
      ' ',
      paint(clip(h.host, hostWidth).padEnd(hostWidth), 'location'),
      ' ',
      clip(h.service ?? '', serviceWidth).padEnd(serviceWidth),
      ' ',
      h.component.padEnd(9),
      ' ',
      paint(h.action, 'emphasis'),
      h.detail ? ` ${h.detail}` : '',
      bytes,
    ].join('');
  });
  return `${lines.map((l) => l.trimEnd()).join('\n')}\n`;
}

function flowBlock(flow: FlowResult, paint: Paint): string {
  const header = `${paint(flow.ok ? 'PASS' : 'FAIL', flow.ok ? 'success' : 'error')} ${paint(flow.name, 'heading')}\n`;
  const observed = flow.observed;
  const where = observed.at
    ? ` at ${observed.at.host}${observed.at.service ? `/${observed.at.service}` : ''}`
    : '';
  return (
    header +
    `  expected: ${describeExpected(flow.expected)}\n` +
    `  observed: ${describeObserved(observed)}${where}: ${observed.reason}\n` +
    `  path:     ${observed.path.join(' > ')}\n` +
    formatTrace(flow.trace, paint)
  );
}

export interface PrettyOptions {
  file: string;
  paint?: Paint;
  /** Print this one flow hop by hop instead of the failing ones. */
  traceFlow?: string;
}

export function formatPretty(result: SimResult, options: PrettyOptions): string {
  const paint = options.paint ?? plain;
  const out: string[] = [];
  out.push(
    `${paint(`topo sim ${options.file}`, 'heading')} (seed ${result.seed}, ${seconds(result.endedAtMs)} simulated)\n\n`,
  );
  const rows = result.flows.map((f) => [
    f.name,
    describeExpected(f.expected),
    describeObserved(f.observed),
    f.observed.path.join(' > '),
    f.ok ? 'ok' : 'FAIL',
  ]);
  const headings = ['FLOW', 'EXPECTED', 'OBSERVED', 'PATH', 'OK'];
  const caps = [44, 36, 36, 44, 4];
  const widths = headings.map((h, i) =>
    Math.min(caps[i] ?? 40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[], paintRow?: (cell: string, i: number) => string) =>
    `  ${cells
      .map((c, i) => {
        const text = clip(c, widths[i] ?? 0).padEnd(widths[i] ?? 0);
        return paintRow ? paintRow(text, i) : text;
      })
      .join('  ')
      .trimEnd()}\n`;
  out.push(line(headings, (t) => paint(t, 'heading')));
  for (const [i, row] of rows.entries()) {
    const ok = result.flows[i]?.ok ?? false;
    out.push(line(row, (t, col) => (col === 4 ? paint(t, ok ? 'success' : 'error') : t)));
  }
  if (result.startErrors.length > 0) {
    out.push(`\n${paint('did not start:', 'error')}\n`);
    for (const e of result.startErrors) {
      const what = e.app
        ? `app ${e.app}`
        : `gost process ${e.process ?? 0}${e.service ? ` (service ${e.service})` : ''}`;
      out.push(`  ${e.host}: ${what}: ${e.message}\n`);
    }
  }
  const failed = result.flows.filter((f) => !f.ok);
  if (options.traceFlow !== undefined) {
    const flow = result.flows.find((f) => f.name === options.traceFlow);
    if (flow) out.push(`\n${flowBlock(flow, paint)}`);
  } else {
    for (const flow of failed) out.push(`\n${flowBlock(flow, paint)}`);
  }
  out.push('\n');
  if (failed.length === 0) {
    out.push(`${paint(`all ${result.flows.length} flows hold`, 'success')}\n`);
  } else {
    out.push(
      `${paint(`${failed.length} of ${result.flows.length} flows failed`, 'error')}; ${reproduceHint(options.file, result.seed)}\n`,
    );
  }
  return out.join('');
}

export function formatJson(result: SimResult, traceFlow?: string): string {
  const flows = traceFlow === undefined ? result.flows : result.flows.filter((f) => f.name === traceFlow);
  return `${JSON.stringify(
    {
      seed: result.seed,
      flows: flows.map((f) => ({
        name: f.name,
        ok: f.ok,
        expected: f.expected,
        observed: f.observed,
        trace: f.trace,
      })),
      startErrors: result.startErrors,
    },
    null,
    2,
  )}\n`;
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

export function formatJunit(result: SimResult, file: string, suiteName: string): string {
  const failures = result.flows.filter((f) => !f.ok).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(`<testsuites name="topo sim" tests="${result.flows.length}" failures="${failures}">\n`);
  out.push(
    `  <testsuite name="${xml(suiteName)}" tests="${result.flows.length}" failures="${failures}" errors="0">\n`,
  );
  out.push(`    <properties>\n      <property name="file" value="${xml(file)}"/>\n`);
  out.push(`      <property name="seed" value="${result.seed}"/>\n    </properties>\n`);
  for (const flow of result.flows) {
    out.push(`    <testcase name="${xml(flow.name)}" classname="${xml(`topo.sim.${suiteName}`)}">\n`);
    if (!flow.ok) {
      const message = `expected ${describeExpected(flow.expected)}, observed ${describeObserved(flow.observed)}`;
      const body = `${flow.observed.reason}\npath: ${flow.observed.path.join(' > ')}\n${formatTrace(flow.trace)}${reproduceHint(file, result.seed)}\n`;
      out.push(
        `      <failure message="${xml(message)}" type="${flow.observed.disposition}">${xml(body)}</failure>\n`,
      );
    }
    out.push('    </testcase>\n');
  }
  out.push('  </testsuite>\n</testsuites>\n');
  return out.join('');
}
