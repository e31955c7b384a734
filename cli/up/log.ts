/**
 * The session's log, in the manner of gost's own (logrus, `text` or `json`): one line when a service
 * starts listening, one per accepted connection (`remote <> local`, as gost writes it), one per
 * failure, and at `debug` every step of the trace (handler requests, route steps, dials, transfers).
 * Addresses are the topology's, as the runtime sees them; `host` says which machine of the
 * deployment wrote the line.
 */

import type { SimEvent } from '../../sim/events.js';

export const logLevels = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof logLevels)[number];
export const logFormats = ['text', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];

export interface LogRecord {
  level: LogLevel;
  msg: string;
  fields: Record<string, string | number>;
}

const quietErrorKinds = new Set(['eof', 'closed', 'reset']);

function record(
  level: LogLevel,
  msg: string,
  fields: Record<string, string | number | undefined>,
): LogRecord {
  const kept: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') kept[k] = v;
  return { level, msg, fields: kept };
}

/** The log line an event makes, if any. */
export function logRecordOf(event: SimEvent): LogRecord | undefined {
  switch (event.type) {
    case 'service.listen':
      return record('info', `listening on ${event.addr}`, {
        host: event.host,
        service: event.service,
        listener: event.listener,
        handler: event.handler,
      });
    case 'service.accept':
      return record('info', `${event.remote} <> ${event.local}`, {
        host: event.host,
        service: event.service,
      });
    case 'service.error':
      return record(event.retryInMs === undefined ? 'error' : 'warn', event.error, {
        host: event.host,
        service: event.service,
        retry: event.retryInMs === undefined ? undefined : `${event.retryInMs / 1000}s`,
      });
    case 'handler':
      return record('debug', [event.action, event.network, event.target].filter((x) => x).join(' '), {
        host: event.host,
        service: event.service,
        handler: event.handler,
        client: event.client,
      });
    case 'route':
      // A failed step is logged as the handler's error or the service's retry that follows it.
      return record('debug', `${event.step} ${event.addr}${event.error ? `: ${event.error}` : ''}`, {
        host: event.host,
        service: event.service,
        chain: event.chain,
        hop: event.hop,
        node: event.node,
      });
    case 'direct':
      return record(
        'debug',
        `dial ${event.network} ${event.target}${event.error ? `: ${event.error}` : ''}`,
        {
          host: event.host,
          service: event.service,
        },
      );
    case 'bind':
      return record(
        event.ok ? 'info' : 'error',
        `bind ${event.network} ${event.addr}${event.error ? `: ${event.error}` : ''}`,
        {
          host: event.host,
          service: event.service,
        },
      );
    case 'bytes':
      return record('debug', `transfer done: sent ${event.sent} B, received ${event.received} B`, {
        host: event.host,
        service: event.service,
      });
    case 'error':
      return record(quietErrorKinds.has(event.kind) ? 'debug' : 'error', event.message, {
        host: event.host,
        service: event.service,
        node: event.node,
        kind: event.kind,
      });
    case 'net.connect':
      return record(
        'debug',
        `${event.network} ${event.src || '?'} -> ${event.dst}: ${event.result}${event.reason ? ` (${event.reason})` : ''}`,
        { host: event.from, to: event.to },
      );
    case 'net.datagram':
      return event.result === 'delivered'
        ? undefined
        : record(
            'debug',
            `udp ${event.src} -> ${event.dst}: ${event.result}${event.reason ? ` (${event.reason})` : ''}`,
            {
              host: event.from,
              to: event.to,
            },
          );
    case 'net.reset':
      return record('warn', `${event.conns} connections reset: ${event.reason}`, { host: event.host });
    case 'app.accept':
      return record('debug', `app accepted ${event.remote}`, { host: event.host, app: event.app });
    case 'app.error':
      return record('error', event.message, { host: event.host, app: event.app, kind: event.kind });
    case 'client':
      return record('debug', `${event.action}${event.detail ? ` ${event.detail}` : ''}`, {
        host: event.host,
        component: 'client',
      });
    case 'instance.start':
      return record(
        'info',
        `gost process ${event.process} started: ${event.services.join(', ') || 'no services'}`,
        {
          host: event.host,
        },
      );
    case 'instance.error':
      return record('error', `gost process ${event.process} did not start: ${event.message}`, {
        host: event.host,
        service: event.service,
        kind: event.kind,
      });
    case 'fault':
      return record('warn', `${event.action} ${event.hosts.join(' - ')}`, { component: 'fault' });
    default:
      return undefined;
  }
}

export function levelAllows(threshold: LogLevel, level: LogLevel): boolean {
  return logLevels.indexOf(level) <= logLevels.indexOf(threshold);
}

function textValue(value: string | number): string {
  const text = String(value);
  return /^[A-Za-z0-9_.:/\-[\]@+]+$/.test(text) ? text : JSON.stringify(text);
}

/** One line: logrus's text form (`time=... level=... msg=... key=value`) or its JSON form. */
export function formatLogLine(entry: LogRecord, time: Date, format: LogFormat): string {
  const stamp = time.toISOString();
  if (format === 'json') {
    return `${JSON.stringify({ time: stamp, level: entry.level, msg: entry.msg, ...entry.fields })}\n`;
  }
  const fields = Object.entries(entry.fields).map(([k, v]) => `${k}=${textValue(v)}`);
  return `${[`time=${textValue(stamp)}`, `level=${entry.level}`, `msg=${textValue(entry.msg)}`, ...fields].join(' ')}\n`;
}
