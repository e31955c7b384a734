/**
 * Server-side authentication (x/auth, x/registry/auther.go, x/config/parsing/auth):
 * - a user configured with an empty password accepts any password;
 * - an auther with no entries rejects everyone; several authers are OR-ed;
 * - an auther name that is not defined accepts everyone (gost's registry wrapper);
 * - an inline `auth` with an empty username means no authentication at all.
 */

import type { AuthConfig, AutherConfig } from '../compiler/gost/config.js';

export interface AuthResult {
  ok: boolean;
  /** gost's client ID: the authenticated user name. */
  id: string;
}

export interface Authenticator {
  authenticate(username: string, password: string): AuthResult;
}

class UserTable implements Authenticator {
  constructor(private readonly users: ReadonlyMap<string, string>) {}

  authenticate(username: string, password: string): AuthResult {
    const expected = this.users.get(username);
    if (expected === undefined) return { ok: false, id: '' };
    return { ok: expected === '' || expected === password, id: username };
  }
}

class AcceptAll implements Authenticator {
  authenticate(username: string): AuthResult {
    return { ok: true, id: username };
  }
}

class AnyOf implements Authenticator {
  constructor(private readonly members: readonly Authenticator[]) {}

  authenticate(username: string, password: string): AuthResult {
    for (const m of this.members) {
      const r = m.authenticate(username, password);
      if (r.ok) return r;
    }
    return { ok: false, id: '' };
  }
}

/** The named `authers:` of a config, by name. */
export function parseAuthers(authers: readonly AutherConfig[] | undefined): Map<string, Authenticator> {
  const out = new Map<string, Authenticator>();
  for (const a of authers ?? []) {
    const users = new Map<string, string>();
    for (const e of a.auths ?? []) {
      if (e.username) users.set(e.username, e.password ?? '');
    }
    out.set(a.name, new UserTable(users));
  }
  return out;
}

/**
 * The authenticator of a handler or listener block: named authers win over inline `auth`; undefined
 * means authentication is off.
 */
export function resolveAuthenticator(
  named: ReadonlyMap<string, Authenticator>,
  auther: string | undefined,
  authers: readonly string[] | undefined,
  inline: AuthConfig | undefined,
): Authenticator | undefined {
  const names = [...(auther ? [auther] : []), ...(authers ?? []).filter((n) => n !== '')];
  if (names.length > 0) {
    return new AnyOf(names.map((n) => named.get(n) ?? new AcceptAll()));
  }
  if (inline?.username) return new UserTable(new Map([[inline.username, inline.password ?? '']]));
  return undefined;
}
