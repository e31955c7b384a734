import { describe, expect, it } from 'vitest';
import { registeredNames, type RegistryKind } from '../../compiler/gost/registry-names.js';
import { builtinRegistries } from '../../runtime/builtin.js';
import { GostError } from '../../runtime/errors.js';
import { startGost } from '../../runtime/gost.js';
import { ManualClock, SeededRng } from '../../runtime/testing/clock.js';
import { MemoryWorld } from '../../runtime/testing/memory-network.js';
import { settle } from './helpers.js';

const registries = builtinRegistries();
const byKind: Record<RegistryKind, string[]> = {
  handler: registries.handlers.names(),
  listener: registries.listeners.names(),
  connector: registries.connectors.names(),
  dialer: registries.dialers.names(),
};

/** Names gost registers with one implementation: supporting one means supporting all. */
const aliasGroups: Record<RegistryKind, string[][]> = {
  handler: [
    ['socks', 'socks5'],
    ['socks4', 'socks4a'],
    ['forward', 'tcp', 'udp'],
    ['rtcp', 'rudp'],
  ],
  listener: [],
  connector: [
    ['socks', 'socks5'],
    ['socks4', 'socks4a'],
    ['forward', 'tcp'],
  ],
  dialer: [],
};

async function startWith(kind: RegistryKind, name: string): Promise<unknown> {
  const world = new MemoryWorld();
  const host = world.addHost('h', ['10.0.0.1']);
  const service = {
    name: 's',
    addr: ':1000',
    handler: { type: kind === 'handler' ? name : 'tcp' },
    listener: { type: kind === 'listener' ? name : 'tcp' },
  };
  const chain = {
    name: 'c',
    hops: [
      {
        name: 'h',
        nodes: [
          {
            name: 'n',
            addr: '10.0.0.2:1',
            connector: { type: kind === 'connector' ? name : 'relay' },
            dialer: { type: kind === 'dialer' ? name : 'tcp' },
          },
        ],
      },
    ],
  };
  try {
    const instance = await startGost(
      { services: [service], chains: [chain] },
      { network: host.network, clock: new ManualClock(settle), rng: new SeededRng(1), hostname: 'h' },
    );
    instance.close();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('registry parity with gost', () => {
  for (const kind of ['handler', 'listener', 'connector', 'dialer'] as const) {
    it(`registers only ${kind} names gost registers, with all their aliases`, () => {
      const gost = new Set(registeredNames(kind));
      expect(byKind[kind].filter((n) => !gost.has(n))).toEqual([]);
      for (const group of aliasGroups[kind]) {
        const supported = group.filter((n) => byKind[kind].includes(n));
        expect(supported.length === 0 || supported.length === group.length, `${group.join('/')}`).toBe(true);
      }
    });

    it(`fails like gost on an unknown ${kind} and plainly on one it does not model`, async () => {
      const unknown = await startWith(kind, 'no-such-type');
      expect(unknown).toBeInstanceOf(GostError);
      expect((unknown as GostError).message).toBe(`unregistered ${kind}: no-such-type`);
      expect((unknown as GostError).kind).toBe('config');
      for (const name of registeredNames(kind).filter((n) => !byKind[kind].includes(n))) {
        const error = await startWith(kind, name);
        expect(error, name).toBeInstanceOf(GostError);
        expect((error as GostError).kind, name).toBe('unsupported');
      }
    });
  }

  it('starts a service for every supported handler and listener type (ss refuses to start without auth)', async () => {
    for (const kind of ['handler', 'listener'] as const) {
      for (const name of byKind[kind]) {
        const error = await startWith(kind, name);
        if (kind === 'handler' && name === 'ss')
          expect((error as GostError).message).toBe('ss: auth is required');
        else expect(error, `${kind} ${name}`).toBeUndefined();
      }
    }
  });
});
