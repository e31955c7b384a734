/**
 * Protocol registries keyed by gost type name (x/registry): one per kind. Registering a name twice
 * is a programming error and throws, as gost's duplicate registration is fatal at start-up.
 */

import type { ConnectorModule, DialerModule, HandlerModule, ListenerModule } from './protocol.js';

export class Registry<T> {
  private readonly entries = new Map<string, T>();

  constructor(readonly kind: string) {}

  register(name: string, value: T): void {
    if (this.entries.has(name)) throw new Error(`${this.kind} registry: duplicate name "${name}"`);
    this.entries.set(name, value);
  }

  get(name: string): T | undefined {
    return this.entries.get(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }
}

export interface Registries {
  handlers: Registry<HandlerModule>;
  listeners: Registry<ListenerModule>;
  connectors: Registry<ConnectorModule>;
  dialers: Registry<DialerModule>;
}

export function createRegistries(): Registries {
  return {
    handlers: new Registry('handler'),
    listeners: new Registry('listener'),
    connectors: new Registry('connector'),
    dialers: new Registry('dialer'),
  };
}

/** Registers a module under each of its type names (gost aliases share one factory). */
export function registerModule<T extends { types: readonly string[] }>(
  registry: Registry<T>,
  module: T,
): void {
  for (const name of module.types) registry.register(name, module);
}
