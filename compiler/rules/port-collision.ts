import type { Span } from '../diagnostics.js';
import { isWildcardHost } from '../model/address.js';
import type { Family, Model } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { serviceSpan } from './util.js';

interface Claim {
  host: string;
  family: Family;
  ip: string;
  port: number;
  what: string;
  kind: 'app' | 'service' | 'bind';
  span: Span;
}

function claims(model: Model): Claim[] {
  const out: Claim[] = [];
  for (const app of model.apps) {
    out.push({
      host: app.host,
      family: app.protocol,
      ip: app.ip ?? '',
      port: app.port,
      what: `app ${app.name}`,
      kind: 'app',
      span: app.span,
    });
  }
  for (const s of model.services) {
    if (s.remote || s.family === 'other' || s.listen.port === undefined || s.listen.port === 0) continue;
    out.push({
      host: s.host,
      family: s.family,
      ip: s.listen.host,
      port: s.listen.port,
      what: `service ${s.name} (${s.handler}+${s.listener})`,
      kind: 'service',
      span: serviceSpan(s, 'addr'),
    });
  }
  for (const b of model.binds) {
    if (b.port === 0) continue;
    out.push({
      host: b.host,
      family: b.family,
      ip: b.ip,
      port: b.port,
      what: `the ${b.service.listener} bind of service ${b.service.name} on ${b.service.host}`,
      kind: 'bind',
      span: serviceSpan(b.service, 'addr'),
    });
  }
  return out;
}

function overlaps(a: Claim, b: Claim): boolean {
  return (
    a.host === b.host &&
    a.family === b.family &&
    a.port === b.port &&
    (isWildcardHost(a.ip) || isWildcardHost(b.ip) || a.ip === b.ip)
  );
}

const consequence: Record<Claim['kind'], string> = {
  service: 'the listener fails to start and the whole gost process exits',
  bind: 'the server refuses the bind (relay status 5 / socks5 failure) and the client retries forever',
  app: 'the application cannot listen',
};

export default defineRule({
  id: 'port-collision',
  severity: 'error',
  docs: {
    summary:
      'Two listeners claim the same port on one host: services, apps, or ports opened there by rtcp/rudp binds.',
    why: "A gost service whose port is taken fails to listen and the whole gost process exits at start-up. A remote rtcp/rudp bind on a taken port is refused by the server (relay status 5 Service Unavailable, socks5 failure) and the client retries forever. The remote bind of `:2222` is the IPv4 wildcard, so it also collides with the server host's own `:2222` services. TCP and UDP on the same number do not collide.",
    fix: 'Give each listener on a host its own port, or bind specific, distinct addresses.',
  },
  check(model, report) {
    // Only claims on the same host, family and port can overlap: compare within those groups.
    const byPort = new Map<string, Claim[]>();
    for (const later of claims(model)) {
      const key = `${later.host}\u0000${later.family}\u0000${later.port}`;
      const group = byPort.get(key);
      if (!group) {
        byPort.set(key, [later]);
        continue;
      }
      const earlier = group.find((c) => overlaps(c, later));
      group.push(later);
      if (!earlier) continue;
      report({
        message: `${later.what} claims ${later.family}/${later.port} on ${later.host}, already taken by ${earlier.what}: ${consequence[later.kind]}`,
        span: later.span,
        host: later.kind === 'bind' ? undefined : later.host,
        related: [
          { span: earlier.span, message: `${earlier.what} takes ${earlier.family}/${earlier.port} here` },
        ],
        help: `use another port for one of them on ${later.host}`,
      });
    }
  },
});
