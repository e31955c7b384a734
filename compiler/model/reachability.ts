/**
 * Who can dial whom. Public networks reach each other; a private network reaches out through the
 * network named in its `nat` (and whatever that reaches), and nothing outside it can dial in; an
 * isolated network reaches nothing but itself.
 */
import type { HostPlan, NetworkPlan } from '../lower/plan.js';

export class Reachability {
  private readonly networks: Map<string, NetworkPlan>;
  private readonly hosts: Map<string, HostPlan>;
  private readonly outbound = new Map<string, Set<string>>();
  /** Public networks, listed once: every host that reaches one reaches them all. */
  private readonly publicNetworks: string[];

  constructor(networks: Map<string, NetworkPlan>, hosts: Map<string, HostPlan>) {
    this.networks = networks;
    this.hosts = hosts;
    this.publicNetworks = [...networks.values()]
      .filter((n) => n.nat === undefined && !n.isolated)
      .map((n) => n.name);
  }

  isPrivate(network: string): boolean {
    const net = this.networks.get(network);
    return net?.nat !== undefined || net?.isolated === true;
  }

  /** Networks a host can open connections into. */
  reachableNetworks(hostName: string): Set<string> {
    const cached = this.outbound.get(hostName);
    if (cached) return cached;
    const out = new Set<string>();
    const host = this.hosts.get(hostName);
    let reachesPublic = false;
    for (const address of host?.addresses ?? []) {
      let current: string | undefined = address.network;
      const seen = new Set<string>();
      while (current && !seen.has(current)) {
        seen.add(current);
        out.add(current);
        const net = this.networks.get(current);
        if (!net) break;
        if (net.isolated) break;
        if (net.nat === undefined) reachesPublic = true;
        current = net.nat;
      }
    }
    if (reachesPublic) for (const name of this.publicNetworks) out.add(name);
    this.outbound.set(hostName, out);
    return out;
  }

  /**
   * Whether `from` can dial `to` at an address on `network`; the reason when it cannot.
   */
  check(from: string, to: string, network: string): { ok: true } | { ok: false; reason: string } {
    if (from === to) return { ok: true };
    if (this.reachableNetworks(from).has(network)) return { ok: true };
    if (this.isPrivate(network)) {
      return {
        ok: false,
        reason: `${to} is on the private network ${network} (behind NAT): nothing outside it can dial in`,
      };
    }
    return { ok: false, reason: `${from} has no route to the network ${network}` };
  }
}
