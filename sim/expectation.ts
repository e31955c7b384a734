/**
 * What an expectation asks of a flow, shared by `topo sim` and `topo up --run-expectations`: the
 * expected outcome, the app the client will talk to, and how that app speaks.
 */
import type { AppPlan, ExpectationPlan, TopologyPlan } from '../compiler/lower/plan.js';
import type { AppKind } from './flows.js';

export interface Expected {
  arrives?: string;
  via?: string[];
  fails?: string;
}

/** How a world resolves names and addresses, from one host's point of view. */
export interface AddressBook {
  resolve(from: string, host: string): string | undefined;
  hostOfIp(from: string, ip: string): string | undefined;
}

export function expectedOf(exp: ExpectationPlan): Expected {
  if (exp.arrives) {
    return {
      arrives: `${exp.arrives.host}/${exp.arrives.app}`,
      ...(exp.via.length > 0 ? { via: exp.via } : {}),
    };
  }
  return { fails: exp.fails ?? '' };
}

/** The app a flow's client expects to talk to: the one it must arrive at, else the one at its address. */
export function targetApp(
  plan: TopologyPlan,
  addresses: AddressBook,
  exp: ExpectationPlan,
): AppPlan | undefined {
  if (exp.arrives) {
    return plan.hosts
      .find((h) => h.name === exp.arrives?.host)
      ?.apps.find((a) => a.name === exp.arrives?.app);
  }
  const ip = addresses.resolve(exp.from, exp.host);
  const owner = ip ? addresses.hostOfIp(exp.from, ip) : undefined;
  return plan.hosts
    .find((h) => h.name === owner)
    ?.apps.find(
      (a) => a.protocol === exp.protocol && a.port === exp.port && (a.ip === undefined || a.ip === ip),
    );
}

export function appKind(app: AppPlan | undefined): { kind: AppKind; banner?: string } {
  if (!app || app.protocol === 'udp') return { kind: 'echo' };
  if (app.kind === 'http') return { kind: 'http' };
  if (app.kind === 'banner' || app.speaksFirst) return { kind: 'banner', banner: app.banner };
  return { kind: 'echo' };
}
