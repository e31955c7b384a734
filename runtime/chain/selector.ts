/**
 * Node/chain selection (x/selector, core/selector): fail filter, then backup filter, then a strategy.
 *
 * - FailMarker: count + time of last failure at 1 s resolution; a node is failed when
 *   count >= maxFails AND less than failTimeout passed since the last failure. Only a success resets
 *   the count, so a node that recovered by timeout fails again on its next error.
 * - The fail filter never removes the only candidate.
 * - Per-item metadata `maxFails`, `failTimeout`, `backup`, `weight` override the selector settings.
 */

import type { Metadata } from '../metadata.js';
import type { Clock, Rng } from '../types.js';
import { crc32 } from './crc32.js';

export class FailMarker {
  private failCount = 0;
  private failSecond = 0;

  constructor(private readonly clock: Clock) {}

  get count(): number {
    return this.failCount;
  }

  /** Time of the last failure in ms, truncated to the second as gost stores it. */
  get time(): number {
    return this.failSecond * 1000;
  }

  mark(): void {
    this.failCount++;
    this.failSecond = Math.floor(this.clock.now() / 1000);
  }

  reset(): void {
    this.failCount = 0;
  }
}

export interface Selectable {
  readonly marker: FailMarker;
  readonly metadata: Metadata;
}

/** What a strategy may look at for one request. */
export interface SelectContext {
  /** Authenticated user (gost's client ID). */
  clientId?: string;
  /** Per-connection hash source (client IP, or target host with `hash: host`). */
  hashSource?: string;
}

export type StrategyName = 'round' | 'random' | 'fifo' | 'hash';

export interface SelectorSettings {
  strategy: StrategyName;
  maxFails: number;
  failTimeoutMs: number;
}

export const defaultSelectorSettings: SelectorSettings = {
  strategy: 'round',
  maxFails: 1,
  failTimeoutMs: 10_000,
};

/** gost's strategy names and aliases; unknown or empty names mean round-robin. */
export function strategyFromName(name: string | undefined): StrategyName {
  switch (name) {
    case 'random':
    case 'rand':
      return 'random';
    case 'fifo':
    case 'ha':
      return 'fifo';
    case 'hash':
      return 'hash';
    default:
      return 'round';
  }
}

export class Selector<T extends Selectable> {
  private counter = 0;

  constructor(
    readonly settings: SelectorSettings,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly profile: 'stable' | 'head',
  ) {}

  select(items: readonly T[], ctx: SelectContext = {}): T | undefined {
    let candidates = this.failFilter(items);
    candidates = backupFilter(candidates);
    if (candidates.length === 0) return undefined;
    return this.apply(candidates, ctx);
  }

  isFailed(item: T): boolean {
    const md = item.metadata;
    let maxFails = md.has('maxFails') ? md.int('maxFails') : this.settings.maxFails;
    let failTimeoutMs = md.has('failTimeout') ? md.durationMs('failTimeout') : this.settings.failTimeoutMs;
    if (maxFails <= 0) maxFails = 1;
    if (failTimeoutMs <= 0) failTimeoutMs = defaultSelectorSettings.failTimeoutMs;
    const m = item.marker;
    return m.count >= maxFails && this.clock.now() - m.time < failTimeoutMs;
  }

  private failFilter(items: readonly T[]): readonly T[] {
    if (items.length <= 1) return items;
    return items.filter((item) => !this.isFailed(item));
  }

  private apply(items: readonly T[], ctx: SelectContext): T {
    switch (this.settings.strategy) {
      case 'round':
        return items[this.counter++ % items.length]!;
      case 'fifo':
        return items[0]!;
      case 'random':
        return weightedRandom(items, this.rng);
      case 'hash': {
        const source = this.profile === 'head' ? (ctx.clientId ?? ctx.hashSource) : ctx.hashSource;
        if (source) return items[crc32(source) % items.length]!;
        return items[Math.floor(this.rng.next() * items.length)]!;
      }
    }
  }
}

function backupFilter<T extends Selectable>(items: readonly T[]): readonly T[] {
  if (items.length <= 1) return items;
  const primary = items.filter((i) => !i.metadata.bool('backup'));
  return primary.length > 0 ? primary : items;
}

function weightedRandom<T extends Selectable>(items: readonly T[], rng: Rng): T {
  const weights = items.map((i) => {
    const w = i.metadata.int('weight');
    return w <= 0 ? 1 : w;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let pick = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    pick -= weights[i]!;
    if (pick < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
