// gu1's auth stage: Bearer key, X-Organization-ID when needed, the optional rate limiter, then settling.
import type { Context } from 'hono';
import {
  hexFrom,
  rateHeaders,
  takeRateToken,
  type Credential,
  type Kit,
  type ProviderEnv,
  type SelfServiceCredential,
} from '../../engine/index.js';
import { fail } from './errors.js';
import { optionsOf } from './lifecycle.js';
import { fixtureKeys, fixtureOrgs, keyFormat, orgFormat, orgsFixture } from './organizations.js';
import { keyBindingOf, saveKeyBinding } from './records.js';
import { settle } from './transitions.js';

export const ORG_HEADER = 'x-organization-id';
const HOUR_MS = 3_600_000;

const bearerOf = (value: string | null | undefined) =>
  /^Bearer\s+(\S+)\s*$/i.exec(value ?? '')?.[1];

/**
 * The tenant: the organization a request names, else the one its fixture key belongs to (the KYC
 * pages send the key alone). Cheap and unvalidated: the auth stage checks it.
 */
export const tenantOf = (headers: Headers) =>
  headers.get(ORG_HEADER)?.trim() ||
  fixtureKeys.get(bearerOf(headers.get('authorization')) ?? '')?.id;

/** The organization the auth stage established (its principal). */
export const organizationOf = (c: Context<ProviderEnv>) => c.get('principal') as string;

/**
 * Runs before every gu1 route, in this order: paths gu1 does not serve here (option entityPaths, or
 * none in the contract: the vendor 404, as for any unknown path), the credentials (refused ones take
 * no rate token), the rate limiter, then settling. Settling belongs here because a real-time clock
 * moves without the admin API: whatever fell due on the organization's clock since its last call
 * (automatic outcomes, expiries, with their webhooks) is stored before any handler reads it.
 */
export function gu1Auth(c: Context<ProviderEnv>): string {
  const kit = c.get('kit');
  if (!served(c, optionsOf(kit).entityPaths)) throw fail('ROUTE_NOT_FOUND');
  const orgId = authorize(c);
  limitRate(c, kit);
  settle(kit);
  return orgId;
}

/**
 * Whether gu1 serves this path here: one its contract names, and the entity paths without /api only
 * with entityPaths=both.
 */
function served(c: Context<ProviderEnv>, entityPaths: string): boolean {
  const operation = c.get('operation');
  if (!operation) return false;
  return !(operation.endsWith('AtReferencePath') && entityPaths === 'api');
}

/** Why the one documented 401 was answered (details.reason). */
type Refusal =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'missing_organization'
  | 'invalid_organization'
  | 'organization_mismatch';
const refuse = (reason: Refusal, organizationId?: string) =>
  fail('UNAUTHORIZED', {
    details: { reason, ...(organizationId === undefined ? {} : { organizationId }) },
  });

/**
 * Checks the credentials and returns the organization id. A fixture key belongs to one fixture
 * organization, which it selects when no X-Organization-ID is sent (unless option
 * organizationHeader=required); a self-service key (gk_sandbox_ci_…) binds to the organization it is
 * first sent with, so it always needs the header, and a later use with another organization is
 * refused exactly like a fixture key's.
 */
function authorize(c: Context<ProviderEnv>): string {
  const key = bearerOf(c.req.header('authorization'));
  if (!key) throw refuse('missing_api_key');
  const fixture = fixtureKeys.get(key);
  const selfService =
    !fixture && key.startsWith(orgsFixture.selfServicePrefix) && keyFormat.test(key);
  if (!fixture && !selfService) throw refuse('invalid_api_key');
  const sent = c.req.header(ORG_HEADER)?.trim();
  if (!sent && (!fixture || optionsOf(c.get('kit')).organizationHeader === 'required'))
    throw refuse('missing_organization');
  const orgId = sent || fixture!.id;
  if (!orgFormat.test(orgId)) throw refuse('invalid_organization');
  if (fixture) {
    if (fixture.id !== orgId) throw refuse('organization_mismatch', orgId);
    return orgId;
  }
  // Fixture organizations only accept their own keys.
  if (fixtureOrgs.has(orgId)) throw refuse('organization_mismatch', orgId);
  bindSelfServiceKey(c.get('kit'), key, () => refuse('organization_mismatch', orgId));
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

/** A fresh organization: a self-service key, bound to the organization it is first sent with. */
export function gu1SelfService(id: string): SelfServiceCredential {
  const organizationId = `org_self_service_${id}`;
  const key = `${orgsFixture.selfServicePrefix}self_service_${id}`;
  return {
    tenant: organizationId,
    credentials: { authorization: `Bearer ${key}`, [ORG_HEADER]: organizationId },
  };
}

export const gu1Credentials = (): Credential[] => [
  ...orgsFixture.organizations.flatMap((o) => [
    {
      header: 'authorization',
      value: `Bearer ${o.apiKey}`,
      note: `${o.name} (${o.note})`,
      tenant: o.id,
    },
    {
      header: ORG_HEADER,
      value: o.id,
      note: `${o.name}: optional with its key (required with organizationHeader=required)`,
    },
  ]),
  {
    header: 'authorization',
    value: `Bearer ${orgsFixture.selfServicePrefix}<your-job-id>`,
    note: 'self-service: binds to the X-Organization-ID (a UUID or org_…) sent on first use',
  },
];
