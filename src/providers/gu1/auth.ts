// gu1's auth stage: Bearer key plus X-Organization-ID, the optional rate limiter, then settling.
import type { Context } from 'hono';
import {
  hexFrom,
  rateHeaders,
  takeRateToken,
  type Credential,
  type Kit,
  type ProviderEnv,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { optionsOf } from './lifecycle.js';
import { fixtureKeys, fixtureOrgs, keyFormat, orgFormat, orgsFixture } from './organizations.js';
import { keyBindingOf, saveKeyBinding } from './records.js';
import { settle } from './transitions.js';

export const ORG_HEADER = 'x-organization-id';
const HOUR_MS = 3_600_000;

/** The tenant: the organization a request names (cheap, unvalidated: the auth stage checks it). */
export const tenantOf = (headers: Headers) => headers.get(ORG_HEADER)?.trim() || undefined;

/** The organization the auth stage established (its principal). */
export const organizationOf = (c: Context<ProviderEnv>) => c.get('principal') as string;

/**
 * Runs before every gu1 route, in this order: the credentials (refused ones take no rate token),
 * the rate limiter, then settling. Settling belongs here because a real-time clock moves without
 * the admin API: whatever fell due on the organization's clock since its last call (automatic
 * outcomes, expiries, with their webhooks) is stored before any handler reads it.
 */
export function gu1Auth(c: Context<ProviderEnv>): string {
  const kit = c.get('kit');
  const orgId = authorize(c);
  limitRate(c, kit);
  settle(kit);
  return orgId;
}

function bearer(c: Context<ProviderEnv>): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!match) throw fail('UNAUTHORIZED');
  return match[1];
}

/**
 * Checks the credentials and returns the organization id. Fixture keys belong to one fixture
 * organization each; a self-service key (gk_sandbox_ci_…) binds to the organization it is first
 * sent with, so a later use with another organization is refused exactly like a fixture key.
 */
function authorize(c: Context<ProviderEnv>): string {
  const key = bearer(c);
  const fixture = fixtureKeys.get(key);
  const selfService =
    !fixture && key.startsWith(orgsFixture.selfServicePrefix) && keyFormat.test(key);
  if (!fixture && !selfService) throw fail('INVALID_API_KEY');
  const orgId = c.req.header(ORG_HEADER)?.trim();
  if (!orgId) throw fail('ORGANIZATION_REQUIRED');
  if (!orgFormat.test(orgId)) throw fail('INVALID_ORGANIZATION_ID');
  const refuse = () => fail('ORGANIZATION_MISMATCH', { vars: { organizationId: orgId } });
  if (fixture) {
    if (fixture.id !== orgId) throw refuse();
    return orgId;
  }
  // Fixture organizations only accept their own keys.
  if (fixtureOrgs.has(orgId)) throw refuse();
  bindSelfServiceKey(c.get('kit'), key, refuse);
  return orgId;
}

/** Store id of a self-service key: a digest, so snapshots never show the key itself. */
const keyId = (key: string) => `apikey_${hexFrom(16, 'gu1-api-key', key)}`;

/** Binds on first use, through the store's cross-tenant owner index; a reset frees the key. */
function bindSelfServiceKey(kit: Kit, key: string, refuse: () => Error) {
  const id = keyId(key);
  if (keyBindingOf(kit, id)) return; // bound here already: the usual case, without searching other tenants
  const owner = kit.ownerOf(id);
  if (owner !== undefined && owner !== kit.tenant) throw refuse();
  if (owner === undefined)
    saveKeyBinding(kit, { id, prefix: `${key.slice(0, 14)}…`, boundAt: kit.iso() });
}

/** Option rateLimit (requests per hour per organization, 0 = off): X-RateLimit-* on every answer. */
function limitRate(c: Context<ProviderEnv>, kit: Kit) {
  const limit = optionsOf(kit).rateLimit;
  if (limit <= 0) return;
  const d = takeRateToken(kit, limit, HOUR_MS);
  const headers = rateHeaders(d, 'epoch');
  if (!d.allowed)
    throw fail('RATE_LIMITED', {
      headers: { ...headers, 'retry-after': String(d.retryAfterS) },
      details: { limit: d.limit, window: '1h', resetAt: kit.iso(d.resetAt) },
    });
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
}

export const gu1Credentials = (): Credential[] => [
  ...orgsFixture.organizations.flatMap((o) => [
    { header: 'authorization', value: `Bearer ${o.apiKey}`, note: `${o.name} (${o.note})` },
    { header: ORG_HEADER, value: o.id, note: `${o.name}: sent with its key` },
  ]),
  {
    header: 'authorization',
    value: `Bearer ${orgsFixture.selfServicePrefix}<your-job-id>`,
    note: 'self-service: binds to the X-Organization-ID (a UUID or org_…) sent on first use',
  },
];
