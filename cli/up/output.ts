/**
 * Where a session's words go. Pretty: the tables, readiness, results and closing counts on stdout;
 * problems and the log on stderr. JSON (`--format json`): one object per line on stdout — the
 * tables first (`up`), then `notice`, `ready`, `running`, `expectations`, `failed`, `stopped` as
 * they happen — and the log on stderr. Values that came from the environment are masked everywhere.
 */

import type { SimEvent } from '../../sim/events.js';
import type { FlowResult } from '../../sim/index.js';
import type { CommandContext } from '../command.js';
import { maskText } from '../secrets.js';
import { createStyle, type Style } from '../style.js';
import type { ServiceCount } from './counts.js';
import { formatLogLine, levelAllows, type LogFormat, type LogLevel, logRecordOf } from './log.js';
import {
  jsonLine,
  offsetText,
  renderCounts,
  renderExpectations,
  renderNotice,
  renderNotRunning,
  renderReady,
  renderStart,
  type StartInfo,
} from './render.js';
import type { Notice } from './status.js';

export interface OutputOptions {
  format: 'pretty' | 'json';
  logFormat: LogFormat;
  logLevel: LogLevel;
  secrets: ReadonlySet<string>;
}

export class SessionOutput {
  private readonly style: Style;
  private readonly errStyle: Style;
  private readonly json: boolean;

  constructor(
    private readonly ctx: CommandContext,
    private readonly options: OutputOptions,
  ) {
    this.style = createStyle(ctx.color);
    this.errStyle = createStyle(ctx.color && ctx.stderr.isTTY);
    this.json = options.format === 'json';
  }

  private out(text: string): void {
    this.ctx.stdout.write(maskText(text, this.options.secrets));
  }

  private err(text: string): void {
    this.ctx.stderr.write(maskText(text, this.options.secrets));
  }

  start(info: StartInfo): void {
    if (this.json) this.out(jsonLine('up', { ...info, offset: offsetText(info) }));
    else this.out(`${renderStart(info, this.style)}\n`);
  }

  /** A log line for a trace event, if the level lets it through; `real` adds where it listens here. */
  log(event: SimEvent, real?: string): void {
    const entry = logRecordOf(event);
    if (!entry || !levelAllows(this.options.logLevel, entry.level)) return;
    if (real) entry.fields.real = real;
    this.err(formatLogLine(entry, new Date(), this.options.logFormat));
  }

  notice(notice: Notice): void {
    if (this.json) this.out(jsonLine('notice', notice));
    else this.err(renderNotice(notice, this.errStyle));
  }

  ready(elapsedMs: number, listening: number, remoteBinds: number, interactive: boolean): void {
    if (this.json) this.out(jsonLine('ready', { elapsedMs: Math.round(elapsedMs), listening, remoteBinds }));
    else this.out(renderReady(elapsedMs, listening, remoteBinds, interactive));
  }

  notReady(missing: string[]): void {
    if (this.json) this.out(jsonLine('running', { ready: false, missing }));
    else this.out(renderNotRunning(missing));
  }

  failed(message: string): void {
    if (this.json) this.out(jsonLine('failed', { message }));
    else this.err(`topo up: ${message}\n`);
  }

  progress(text: string): void {
    if (!this.json && this.ctx.stderr.isTTY) this.err(`${text}\n`);
  }

  expectations(flows: readonly FlowResult[]): void {
    if (this.json) this.out(jsonLine('expectations', { ok: flows.every((f) => f.ok), flows }));
    else if (flows.length === 0) this.out('the topology declares no expectations\n');
    else this.out(`\n${renderExpectations(flows, this.style)}`);
  }

  stopped(
    why: string,
    elapsedMs: number,
    counts: readonly ServiceCount[],
    open: { listeners: number; connections: number },
  ): void {
    if (this.json) {
      this.out(jsonLine('stopped', { reason: why, services: counts, open }));
      return;
    }
    this.out(`\nstopped (${why}) after ${(elapsedMs / 1000).toFixed(1)}s\n`);
    this.out(renderCounts(counts, this.style));
    this.out(
      open.listeners === 0 && open.connections === 0
        ? 'every listener and connection is closed\n'
        : `still open: ${open.listeners} listeners, ${open.connections} connections\n`,
    );
  }
}
