// Who may use the control plane. Bound to loopback with no token configured, the admin API and the
// dashboard are open, as on a laptop. Bound to anything else they need the admin token (generated at
// listen when none was given). A vendor credential is also its own tenant's admin credential
// (`x-sandbox-tenant: <provider>:<credential>`): with it, admin calls see and change only that
// tenant. The bind address decides, not the caller's address.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { isIP } from 'node:net';
import { SandboxError, type TenantFilter, type TenantRef } from '../engine/index.js';
import type { Principal } from './types.js';

export interface AccessOptions {
  /** The admin token (Authorization: Bearer …); required beyond loopback, generated when absent. */
  adminToken?: string;
  /** Host header values accepted besides loopback names and the public URL's host. */
  allowedHosts?: readonly string[];
}

export const TENANT_HEADER = 'x-sandbox-tenant';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export const isLoopbackHost = (host: string) =>
  LOOPBACK_NAMES.has(host) || (isIP(host) === 4 && host.startsWith('127.'));

const scoped = new AsyncLocalStorage<Principal>();

/** The principal of the admin call being served (the operator outside one). */
export const currentPrincipal = (): Principal => scoped.getStore() ?? { kind: 'operator' };

export const runAs = <T>(principal: Principal, fn: () => T): T => scoped.run(principal, fn);

export class Access {
  /** Set by listen(): whether the server is reachable beyond this machine. */
  exposed = false;
  private token: string | undefined;

  constructor(
    private readonly opts: AccessOptions,
    private readonly publicHost: () => string,
  ) {
    this.token = opts.adminToken || undefined;
  }

  /** At listen: beyond loopback without a token, one is made (the start prints it once). */
  bound(hostname: string): { generatedToken?: string } {
    this.exposed = !isLoopbackHost(hostname.replace(/^\[|\]$/g, '')) || hostname === '';
    if (this.exposed && !this.token) {
      this.token = randomBytes(24).toString('base64url');
      return { generatedToken: this.token };
    }
    return {};
  }

  /** Whether a Host header names this sandbox (a rebinding defence: a foreign name is refused). */
  hostAllowed(host: string | undefined): boolean {
    if (!host) return true; // HTTP/1.0 and in-process calls
    const name = host.replace(/:\d+$/, '').toLowerCase();
    if (isLoopbackHost(name) || name === this.publicHost()) return true;
    return (this.opts.allowedHosts ?? []).some((h) => h.toLowerCase() === name);
  }

  tokenMatches(given: string | undefined): boolean {
    if (!this.token || !given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Whether the control plane is open without a token (loopback and none configured). */
  get open(): boolean {
    return !this.exposed && !this.token;
  }
}

/** A tenant header's value, `<provider>:<credential>`. */
export function tenantOfHeader(value: string): TenantRef {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1)
    throw new SandboxError(
      400,
      'bad_tenant_header',
      `${TENANT_HEADER} names a tenant as <provider>:<credential>`,
      'e.g. capa:capa_test_partner_key_000000000001',
    );
  return { provider: value.slice(0, at), tenant: value.slice(at + 1) };
}

/**
 * The filter an admin call acts on: what it names, narrowed to the caller's tenant. A tenant
 * caller naming another tenant is refused; naming none means its own.
 */
export function scopeFilter(principal: Principal, named: TenantFilter): TenantFilter {
  if (principal.kind === 'operator') return named;
  const own = principal.ref;
  if (
    (named.provider !== undefined && named.provider !== own.provider) ||
    (named.tenant !== undefined && named.tenant !== own.tenant)
  )
    throw new SandboxError(
      403,
      'other_tenant',
      'This credential controls its own tenant only',
      `${TENANT_HEADER} names ${own.provider}:…`,
    );
  return { provider: own.provider, tenant: own.tenant };
}
