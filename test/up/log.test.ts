import { describe, expect, it } from 'vitest';
import { formatLogLine, levelAllows, logRecordOf } from '../../cli/up/log.js';

const at = new Date('2030-01-02T03:04:05.678Z');

describe('log lines from the trace', () => {
  it('writes one info line per accepted connection, as gost does', () => {
    const entry = logRecordOf({
      type: 'service.accept',
      host: 'relay',
      service: 'relay-0',
      remote: '198.51.100.7:40001',
      local: '203.0.113.10:8443',
    });
    expect(entry).toEqual({
      level: 'info',
      msg: '198.51.100.7:40001 <> 203.0.113.10:8443',
      fields: { host: 'relay', service: 'relay-0' },
    });
    expect(formatLogLine(entry!, at, 'text')).toBe(
      'time=2030-01-02T03:04:05.678Z level=info msg="198.51.100.7:40001 <> 203.0.113.10:8443" host=relay service=relay-0\n',
    );
    expect(JSON.parse(formatLogLine(entry!, at, 'json'))).toEqual({
      time: '2030-01-02T03:04:05.678Z',
      level: 'info',
      msg: '198.51.100.7:40001 <> 203.0.113.10:8443',
      host: 'relay',
      service: 'relay-0',
    });
  });

  it('logs failures as errors, retries as warnings, ends of streams only when debugging', () => {
    expect(
      logRecordOf({
        type: 'error',
        host: 'relay',
        service: 's',
        kind: 'bind-disabled',
        message: 'relay: BIND is disabled',
      })?.level,
    ).toBe('error');
    expect(
      logRecordOf({ type: 'error', host: 'relay', service: 's', kind: 'eof', message: 'EOF' })?.level,
    ).toBe('debug');
    expect(
      logRecordOf({
        type: 'service.error',
        host: 'gw',
        service: 'rtcp-0',
        error: 'bind failed',
        retryInMs: 2000,
      }),
    ).toEqual({ level: 'warn', msg: 'bind failed', fields: { host: 'gw', service: 'rtcp-0', retry: '2s' } });
    expect(
      logRecordOf({ type: 'service.error', host: 'gw', service: 'x', error: 'accept failed' })?.level,
    ).toBe('error');
    expect(
      logRecordOf({
        type: 'route',
        host: 'gw',
        service: 'x',
        node: 'n',
        addr: '1.2.3.4:5',
        step: 'dial',
        ok: false,
        error: 'refused',
      })?.level,
    ).toBe('debug');
    expect(logRecordOf({ type: 'net.carry', conn: 1, from: 'a', to: 'b', bytes: 3 })).toBeUndefined();
  });

  it('filters by level', () => {
    expect(levelAllows('info', 'error')).toBe(true);
    expect(levelAllows('info', 'info')).toBe(true);
    expect(levelAllows('info', 'debug')).toBe(false);
    expect(levelAllows('error', 'warn')).toBe(false);
    expect(levelAllows('debug', 'debug')).toBe(true);
  });

  it('quotes text values and leaves addresses bare', () => {
    const line = formatLogLine(
      { level: 'warn', msg: 'a "quoted" word', fields: { host: 'office-gw', addr: '[::]:8080', n: 3 } },
      at,
      'text',
    );
    expect(line).toBe(
      'time=2030-01-02T03:04:05.678Z level=warn msg="a \\"quoted\\" word" host=office-gw addr=[::]:8080 n=3\n',
    );
  });
});
