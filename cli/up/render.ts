/**
 * What a `topo up` session prints, as text for people or one JSON object per line for scripts. Pure
 * functions of the session's data; colour comes in through the CLI's style helper.
 */

import type { FlowResult } from '../../sim/index.js';
import { describeExpected, describeObserved, formatTrace } from '../../sim/report.js';
import type { Style } from '../style.js';
import type { ServiceCount } from './counts.js';
import type { EntryPoint, HostEntry } from './entry-points.js';
import type { Notice } from './status.js';

export interface StartInfo {
  file: string;
  portOffset: number;
  /** Why the offset was chosen automatically. */
  offsetReason?: string;
  hosts: HostEntry[];
  entryPoints: EntryPoint[];
}

function table(headings: string[], rows: string[][], style: Style, indent = '  '): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${indent}${cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  return style(line(headings).replace(/\n$/, ''), 'heading') + '\n' + rows.map((r) => line(r)).join('');
}

export function offsetText(info: Pick<StartInfo, 'portOffset' | 'offsetReason'>): string {
  if (info.portOffset === 0) return 'ports as written';
  return info.offsetReason
    ? `every port shifted by +${info.portOffset} (${info.offsetReason}; --port-offset chooses another)`
    : `every port shifted by +${info.portOffset} (--port-offset)`;
}

export function renderStart(info: StartInfo, style: Style): string {
  const out: string[] = [];
  out.push(
    `${style(`topo up ${info.file}`, 'heading')}: ${info.hosts.length} host${info.hosts.length === 1 ? '' : 's'} on loopback, ${offsetText(info)}\n\n`,
  );
  out.push(
    table(
      ['HOST', 'ADDRESS', 'TOPOLOGY', 'RUNS'],
      info.hosts.map((h) => [h.host, h.address, h.topology.join(' '), h.runs]),
      style,
    ),
  );
  out.push('\n');
  if (info.entryPoints.length === 0) {
    out.push('no gost service listens: nothing to connect to\n');
    return out.join('');
  }
  const rows = info.entryPoints.map((e) => [e.host, e.service, e.address, `${e.protocol}`, e.try ?? '-']);
  const body = table(['HOST', 'SERVICE', 'ADDRESS', 'PROTOCOL', 'TRY'], rows, style).split('\n');
  out.push(`${body[0]}\n`);
  info.entryPoints.forEach((e, i) => {
    out.push(`${body[i + 1]}\n`);
    if (e.note) out.push(`${style(`      note: ${e.note}`, 'rule')}\n`);
  });
  return out.join('');
}

export function renderReady(
  elapsedMs: number,
  listening: number,
  binds: number,
  interactive: boolean,
): string {
  const parts = [`${listening} service${listening === 1 ? '' : 's'} listening`];
  if (binds > 0) parts.push(`${binds} remote port${binds === 1 ? '' : 's'} bound`);
  return `ready in ${(elapsedMs / 1000).toFixed(1)}s: ${parts.join(', ')}${interactive ? '; Ctrl-C stops' : ''}\n`;
}

export function renderNotRunning(missing: readonly string[]): string {
  return `running, not ready:\n${missing.map((m) => `  ${m}\n`).join('')}`;
}

export function renderNotice(notice: Notice, style: Style): string {
  const token = notice.level === 'error' ? 'error' : notice.level === 'warn' ? 'warning' : 'info';
  return `${style(`topo up: ${notice.level}:`, token)} ${notice.message}\n`;
}

export function renderCounts(counts: readonly ServiceCount[], style: Style): string {
  if (counts.length === 0) return '';
  return table(
    ['HOST', 'SERVICE', 'CONNECTIONS', 'FAILURES', 'BYTES', 'BINDS'],
    counts.map((c) => [
      c.host,
      c.service,
      String(c.connections),
      String(c.failures),
      String(c.bytes),
      String(c.binds),
    ]),
    style,
  );
}

export function renderExpectations(flows: readonly FlowResult[], style: Style): string {
  const out: string[] = [];
  const rows = flows.map((f) => [
    f.name,
    describeExpected(f.expected),
    describeObserved(f.observed),
    f.observed.path.join(' > '),
    f.ok ? 'ok' : 'FAIL',
  ]);
  out.push(table(['FLOW', 'EXPECTED', 'OBSERVED', 'PATH', 'OK'], rows, style));
  const paint = (text: string, token: 'error' | 'success' | 'heading' | 'emphasis' | 'rule' | 'location') =>
    style(text, token);
  for (const flow of flows.filter((f) => !f.ok)) {
    const o = flow.observed;
    const where = o.at ? ` at ${o.at.host}${o.at.service ? `/${o.at.service}` : ''}` : '';
    out.push(
      `\n${style('FAIL', 'error')} ${style(flow.name, 'heading')}\n` +
        `  expected: ${describeExpected(flow.expected)}\n` +
        `  observed: ${describeObserved(o)}${where}: ${o.reason}\n` +
        `  path:     ${o.path.join(' > ')}\n` +
        formatTrace(flow.trace, paint),
    );
  }
  const failed = flows.filter((f) => !f.ok).length;
  out.push(
    failed === 0
      ? `\n${style(`all ${flows.length} flows hold on real sockets`, 'success')}\n`
      : `\n${style(`${failed} of ${flows.length} flows failed on real sockets`, 'error')}\n`,
  );
  return out.join('');
}

/** One JSON event per line. */
export function jsonLine(event: string, body: object): string {
  return `${JSON.stringify({ event, ...body })}\n`;
}
