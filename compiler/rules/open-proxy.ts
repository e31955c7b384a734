import type { AuthConfig, HandlerConfig, ListenerConfig } from '../gost/config.js';
import { getBool, getString } from '../gost/metadata.js';
import type { ConfigPath } from '../gost/span-index.js';
import type { GostProcess } from '../lower/plan.js';
import type { ServiceModel } from '../model/types.js';
import { defineRule, type ReportFn } from './define-rule.js';
import {
  describeService,
  handlerMetadata,
  hasForwarder,
  listenerMetadata,
  publicNetworksOf,
  serviceSpan,
} from './util.js';

/** Handlers that connect wherever the client asks. */
const proxyHandlers = new Set(['http', 'socks4', 'socks5', 'relay', 'auto']);
/** Handlers that open ports on request when `bind=true`. */
const binders = new Set(['relay', 'socks5', 'auto']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a handler or listener block asks for credentials at all (a named auther counts, defined or not). */
function authenticates(block: HandlerConfig | ListenerConfig | undefined): boolean {
  if (!block) return false;
  if (typeof block.auther === 'string' && block.auther !== '') return true;
  if (Array.isArray(block.authers) && block.authers.some((a) => typeof a === 'string' && a !== ''))
    return true;
  return typeof block.auth?.username === 'string' && block.auth.username !== '';
}

function restricted(s: ServiceModel): boolean {
  return (
    (typeof s.config.admission === 'string' && s.config.admission !== '') ||
    (Array.isArray(s.config.admissions) && s.config.admissions.length > 0)
  );
}

function openServices(s: ServiceModel, networks: string[], report: ReportFn): void {
  const where = networks.join(', ');
  if (proxyHandlers.has(s.handler) && !authenticates(s.config.handler) && !restricted(s)) {
    // A relay with a forwarder sends everything to its own target: a port forward, not a proxy.
    if (s.handler === 'relay' && hasForwarder(s)) return;
    const bind = binders.has(s.handler) && getBool(handlerMetadata(s), 'bind');
    report({
      message: `${describeService(s)} proxies for anyone on ${where}: its ${s.handler} handler has no authentication, so anyone there can reach any destination through it${bind ? ' and, with bind=true, open ports on ' + s.host : ''}`,
      span: serviceSpan(s, 'handler', 'type'),
      host: s.host,
      help: 'add credentials (-L relay://user:pass@:8420, YAML handler auth or auther), an admission, or listen on a private address',
    });
  }
  const sshLike = s.listener === 'sshd' || s.listener === 'ssh';
  if (
    sshLike &&
    !authenticates(s.config.listener) &&
    !getString(listenerMetadata(s), 'authorizedKeys') &&
    !restricted(s)
  ) {
    report({
      message: `${describeService(s)} accepts anonymous SSH logins from ${where}: its ${s.listener} listener has neither credentials nor authorizedKeys${s.listener === 'sshd' ? ', and an sshd session may forward anywhere and bind any port' : ''}`,
      span: serviceSpan(s, 'listener', 'type'),
      host: s.host,
      help: 'add user:pass@ to the -L, or listener authorizedKeys',
    });
  }
}

/** Every credential of a config with a user name and no password: gost accepts any password for it. */
function emptyPasswords(process: GostProcess): { user: string; path: ConfigPath; owner: string }[] {
  const out: { user: string; path: ConfigPath; owner: string }[] = [];
  const check = (auth: AuthConfig | undefined, path: ConfigPath, owner: string) => {
    if (!isRecord(auth) || typeof auth.username !== 'string' || auth.username === '') return;
    if (typeof auth.file === 'string' && auth.file !== '') return;
    if (typeof auth.password === 'string' && auth.password !== '') return;
    out.push({ user: auth.username, path, owner });
  };
  const c = process.config;
  (Array.isArray(c.services) ? c.services : []).forEach((s, i) => {
    if (!isRecord(s)) return;
    const owner = `service ${String(s.name)}`;
    if (isRecord(s.handler)) check(s.handler.auth, ['services', i, 'handler', 'auth'], owner);
    // Only the ssh listeners check listener credentials.
    const listener = s.listener;
    if (isRecord(listener) && (listener.type === 'ssh' || listener.type === 'sshd'))
      check(listener.auth, ['services', i, 'listener', 'auth'], owner);
  });
  (Array.isArray(c.authers) ? c.authers : []).forEach((a, i) => {
    if (!isRecord(a) || !Array.isArray(a.auths)) return;
    a.auths.forEach((auth, j) => {
      check(auth, ['authers', i, 'auths', j], `auther ${String(a.name)}`);
    });
  });
  return out;
}

export default defineRule({
  id: 'open-proxy',
  severity: 'warning',
  docs: {
    summary:
      'A proxy or SSH server without authentication is reachable from a public network, or a user has an empty password.',
    why: 'An http, socks4/5, relay or auto handler without credentials connects anyone who reaches it to any destination (with `bind=true` it also opens ports on its host for them); a gost sshd/ssh listener with neither credentials nor authorizedKeys allows anonymous logins. A user configured with an empty password accepts every password.',
    fix: 'Add credentials (`-L relay://user:pass@:8420`, YAML `auth` or an auther), an admission that limits the clients, or listen on a loopback or private address; give every user a password.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (s.remote) continue;
      const networks = publicNetworksOf(model, s);
      if (networks.length > 0) openServices(s, networks, report);
    }
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const e of emptyPasswords(process)) {
          report({
            message: `user "${e.user}" of ${e.owner} on ${host.name} has no password: gost accepts any password for this user`,
            span: process.spans.get(e.path),
            host: host.name,
            help: 'give the user a password',
          });
        }
      }
    }
  },
});
