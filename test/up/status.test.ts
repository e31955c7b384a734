/**
 * Readiness and problem reports, from trace events fed in by hand (no sockets): ready only when
 * every rtcp/rudp port is acknowledged by its relay; a refused bind named with the rtcp service,
 * the relay and the relay's own reason; lost and regained binds; crashed services; processes that
 * did not start.
 */

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import { assignAddresses } from '../../cli/up/addresses.js';
import { buildStack } from '../../cli/up/session.js';
import { type Notice, SessionStatus } from '../../cli/up/status.js';
import { root } from './helpers.js';

const open: SessionStatus[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** The explanation of a refused bind waits briefly for the relay's own account; poll, bounded. */
async function until(condition: () => boolean, limitMs = 5000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

function setup() {
  const text = readFileSync(`${root}/examples/relay-remote-forwarding.yaml`, 'utf8');
  const plan = compileTopology('relay-remote-forwarding.yaml', text, {}).plan;
  if (!plan) throw new Error('the example does not compile');
  const stack = buildStack(plan, {
    addresses: assignAddresses(
      plan.hosts.map((h) => h.name),
      '127.0.50.1',
    ),
    externals: [],
    running: new Set(plan.hosts.map((h) => h.name)),
    apps: true,
    keepLog: false,
    baseDir: root,
  });
  const notices: Notice[] = [];
  let ready = 0;
  const status = new SessionStatus({
    services: stack.services,
    recorder: stack.recorder,
    world: stack.world,
    clock: stack.clock,
    notify: (n) => notices.push(n),
    onReady: () => ready++,
  });
  open.push(status);
  const bound = (service: string, addr: string) =>
    stack.recorder.record({
      type: 'route',
      host: 'office-gw',
      service,
      chain: 'chain-0',
      hop: 'hop-0',
      node: 'node-0',
      addr,
      step: 'bind',
      ok: true,
    });
  return { stack, status, notices, readyCount: () => ready, bound };
}

describe('readiness', () => {
  it('is ready once every remote bind is acknowledged, and says so once', () => {
    const { status, readyCount, bound } = setup();
    status.started();
    expect(status.ready).toBe(false);
    expect(status.settled).toBe(false);
    bound('service-0', '127.0.0.1:2222');
    bound('service-1', '0.0.0.0:8080');
    expect(status.ready).toBe(false);
    expect(status.missing()).toEqual(['office-gw/service-2: rudp 0.0.0.0:10053 not bound']);
    bound('service-2', '0.0.0.0:10053');
    expect(status.ready).toBe(true);
    expect(readyCount()).toBe(1);
    bound('service-2', '0.0.0.0:10053');
    expect(readyCount()).toBe(1);
  });

  it('is not ready while a gost process failed to start', () => {
    const { stack, status, notices } = setup();
    stack.recorder.record({
      type: 'instance.error',
      host: 'relay',
      process: 0,
      service: 'service-0',
      kind: 'address-in-use',
      message: 'listen tcp :8443: bind: address already in use',
    });
    status.started();
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'start-failed',
        host: 'relay',
        service: 'service-0',
        message:
          'relay/service-0: gost process 0 on relay did not start: listen tcp :8443: bind: address already in use; the other hosts keep running',
      }),
    ]);
    expect(status.missing()[0]).toBe('relay: gost process 0 did not start');
  });
});

describe('problem reports', () => {
  it('names the rtcp service and the relay when the relay refuses the bind', async () => {
    const { stack, status, notices } = setup();
    status.started();
    stack.recorder.record({
      type: 'error',
      host: 'relay',
      service: 'service-0',
      kind: 'bind-disabled',
      message: 'relay: BIND is disabled',
    });
    stack.recorder.record({
      type: 'route',
      host: 'office-gw',
      service: 'service-1',
      chain: 'chain-0',
      hop: 'hop-0',
      node: 'node-0',
      addr: '0.0.0.0:8080',
      step: 'bind',
      ok: false,
      error: 'bind on 0.0.0.0:8080/tcp failed',
    });
    await until(() => notices.length > 0);
    expect(notices).toEqual([
      {
        level: 'error',
        kind: 'bind-refused',
        host: 'office-gw',
        service: 'service-1',
        message:
          'office-gw/service-1 (rtcp 0.0.0.0:8080): the relay refused the bind: relay/service-0 answered "relay: BIND is disabled"; the relay\'s service needs bind=true',
      },
    ]);
  });

  it('says which relay answered when its own trace has no reason', async () => {
    const { stack, status, notices } = setup();
    status.started();
    stack.recorder.record({
      type: 'route',
      host: 'office-gw',
      service: 'service-0',
      chain: 'chain-0',
      hop: 'hop-0',
      node: 'node-0',
      addr: '127.0.0.1:2222',
      step: 'bind',
      ok: false,
      error: 'bind on 127.0.0.1:2222/tcp failed',
    });
    await until(() => notices.length > 0);
    expect(notices.map((n) => n.message)).toEqual([
      'office-gw/service-0 (rtcp 127.0.0.1:2222): the relay refused the bind: relay (relay.example.com:8443) answered "bind on 127.0.0.1:2222/tcp failed"',
    ]);
  });

  it('reports a bind lost with its relay, and regained, and a relay it cannot reach', () => {
    const { stack, status, notices, bound } = setup();
    status.started();
    bound('service-1', '0.0.0.0:8080');
    stack.recorder.record({
      type: 'service.error',
      host: 'office-gw',
      service: 'service-1',
      error: 'io: read/write on closed pipe',
      retryInMs: 1000,
    });
    stack.recorder.record({
      type: 'route',
      host: 'office-gw',
      service: 'service-1',
      chain: 'chain-0',
      hop: 'hop-0',
      node: 'node-0',
      addr: 'relay.example.com:8443',
      step: 'dial',
      ok: false,
      error: 'dial tcp 203.0.113.10:8443: connect: no route to host',
    });
    bound('service-1', '0.0.0.0:8080');
    expect(notices.map((n) => [n.kind, n.message])).toEqual([
      [
        'bind-lost',
        'office-gw/service-1 (rtcp 0.0.0.0:8080): lost its bind on relay (io: read/write on closed pipe); retrying in 1s',
      ],
      [
        'relay-unreachable',
        'office-gw/service-1 (rtcp 0.0.0.0:8080): cannot reach the relay relay.example.com:8443 (relay) to bind 0.0.0.0:8080: dial tcp 203.0.113.10:8443: connect: no route to host; retrying',
      ],
      ['bound-again', 'office-gw/service-1 (rtcp 0.0.0.0:8080): bound 0.0.0.0:8080 on relay again'],
    ]);
  });

  it('reports a service whose accept loop ended', () => {
    const { stack, notices } = setup();
    stack.recorder.record({
      type: 'service.error',
      host: 'laptop',
      service: 'service-0',
      error: 'accept tcp [::]:2222: too many open files',
    });
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'crashed',
        host: 'laptop',
        service: 'service-0',
        message:
          'laptop/service-0: the service stopped accepting connections: accept tcp [::]:2222: too many open files; the other services keep running',
      }),
    ]);
  });
});
