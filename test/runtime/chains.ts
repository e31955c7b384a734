/** Config builders for the runtime tests: a forwarding client through one proxy node, and proxy servers. */

import type { GostConfig, NodeConfig, ServiceConfig } from '../../compiler/gost/config.js';

export interface NodeOptions {
  connector: string;
  dialer?: string;
  addr?: string;
  connectorMetadata?: Record<string, unknown>;
  dialerMetadata?: Record<string, unknown>;
  auth?: { username: string; password: string };
}

export function proxyNode(name: string, o: NodeOptions): NodeConfig {
  return {
    name,
    addr: o.addr ?? '10.0.0.2:8000',
    connector: {
      type: o.connector,
      metadata: o.connectorMetadata ?? {},
      ...(o.auth ? { auth: o.auth } : {}),
    },
    dialer: { type: o.dialer ?? 'tcp', metadata: o.dialerMetadata ?? {} },
  };
}

/** A `tcp` (or `udp`) forwarding service on :8080 whose chain has one hop per node list. */
export function forwarder(
  target: string,
  hops: NodeConfig[][],
  options: { udp?: boolean; keepalive?: boolean } = {},
): GostConfig {
  return {
    services: [
      {
        name: 'fwd',
        addr: ':8080',
        handler: { type: options.udp ? 'udp' : 'tcp', chain: 'c' },
        listener: {
          type: options.udp ? 'udp' : 'tcp',
          metadata: options.udp ? { keepalive: options.keepalive ?? true } : {},
        },
        forwarder: { nodes: [{ name: 'target', addr: target }] },
      },
    ],
    chains: [{ name: 'c', hops: hops.map((nodes, i) => ({ name: `hop-${i}`, nodes })) }],
  };
}

export function server(
  handler: string,
  options: {
    addr?: string;
    listener?: string;
    metadata?: Record<string, unknown>;
    auth?: { username: string; password: string };
    extra?: Partial<ServiceConfig>;
  } = {},
): GostConfig {
  return {
    services: [
      {
        name: `${handler}-server`,
        addr: options.addr ?? ':8000',
        handler: {
          type: handler,
          metadata: options.metadata ?? {},
          ...(options.auth ? { auth: options.auth } : {}),
        },
        listener: { type: options.listener ?? 'tcp' },
        ...options.extra,
      },
    ],
  };
}
