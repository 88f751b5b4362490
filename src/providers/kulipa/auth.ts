// Kulipa's auth stage: x-api-key on every documented operation, then the per-key rate limit.
import type { Context } from 'hono';
import {
  rateHeaders,
  readFixture,
  takeRateToken,
  type Credential,
  type Kit,
  type ProviderEnv,
  type SelfServiceCredential,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { optionsOf } from './lifecycle.js';

interface Tenant {
  key: string;
  name: string;
  note: string;
}

// Keys come from fixtures, plus any key with the self-service prefix (a fresh tenant per CI job
// without an admin call).
const fixture = readFixture<{
  selfServicePrefix: string;
  selfServiceFormat: string;
  tenants: Tenant[];
}>('kulipa', 'tenants.json');
const selfService = new RegExp(fixture.selfServiceFormat);
const tenants = new Map(fixture.tenants.map((t) => [t.key, t]));

export const KEY_HEADER = 'x-api-key';
const WINDOW_MS = 60_000;

/** One request of the key's per-minute allowance (option rateLimit), on the tenant's clock. */
export const takeKulipaToken = (kit: Kit) =>
  takeRateToken(kit, optionsOf(kit).rateLimit, WINDOW_MS);

export const tenantOfHeaders = (headers: Headers) => headers.get(KEY_HEADER)?.trim() || undefined;

/** A fresh self-service tenant: a key of the self-service format. */
export function kulipaSelfService(id: string): SelfServiceCredential {
  const key = `${fixture.selfServicePrefix}self_service_${id}`;
  return { tenant: key, credentials: { [KEY_HEADER]: key } };
}

/** The tenant a request's key names; throws Kulipa's 401 otherwise. */
export function requireKey(headers: Headers): Tenant {
  const key = tenantOfHeaders(headers);
  if (!key) throw fail('MISSING_API_KEY');
  const tenant =
    tenants.get(key) ??
    (selfService.test(key) ? { key, name: 'Self-service tenant', note: '' } : undefined);
  if (!tenant) throw fail('INVALID_API_KEY');
  return tenant;
}

/**
 * Whether the request is a documented operation. HEAD runs the GET handler, so it is matched as GET
 * (the contract lists no HEAD): no path answers without the key.
 */
function documented(c: Context<ProviderEnv>): boolean {
  if (c.req.method !== 'HEAD') return c.get('operation') !== null;
  const path = c.req.path.replace(/^\/kulipa(?=\/|$)/, '') || '/';
  return c.get('kit').contract.match('GET', path) !== undefined;
}

/**
 * The provider's auth stage, run before every route: the key's tenant, or 401; past the limit, 429
 * with Retry-After. An unknown path passes (its 404 needs no key); a request without a valid key is
 * refused before the limiter, so it spends none of the limit.
 */
export function kulipaAuth(c: Context<ProviderEnv>): Tenant | undefined {
  if (!documented(c)) return undefined;
  const tenant = requireKey(c.req.raw.headers);
  const rate = takeKulipaToken(c.get('kit'));
  const headers = rateHeaders(rate, 'seconds');
  if (!rate.allowed)
    throw fail('TOO_MANY_REQUESTS', {
      headers: { ...headers, 'retry-after': String(rate.retryAfterS) },
    });
  // Set on the context, so the handler's answer and its vendor errors both carry them.
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return tenant;
}

export const kulipaCredentials = (): Credential[] =>
  fixture.tenants.map((t) => ({ header: KEY_HEADER, value: t.key, note: t.note }));
