// Authorization: Bearer <key> plus X-Organization-ID. Fixture keys belong to one fixture
// organization each; a self-service key (gk_sandbox_ci_…) binds to the organization it is first
// sent with, through the store's cross-tenant owner index, so a later use with another
// organization is refused exactly like a fixture key would be.
import type { Context } from 'hono';
import { hexFrom, type Credential, type Kit, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { fixtureKeys, fixtureOrgs, orgsFixture } from './organizations.js';

export const ORG_HEADER = 'x-organization-id';
const KEYS = 'apiKeys';
const keyFormat = new RegExp(orgsFixture.keyFormat);
const orgFormat = new RegExp(orgsFixture.organizationIdFormat);

/** The tenant: the organization a request names (cheap, unvalidated). */
export const tenantOf = (headers: Headers) => headers.get(ORG_HEADER)?.trim() || undefined;

/** Store id of a self-service key: a digest, so snapshots never show the key itself. */
const keyId = (key: string) => `apikey_${hexFrom(16, 'gu1-api-key', key)}`;

function bearer(c: Context<ProviderEnv>): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!match) throw fail('UNAUTHORIZED');
  return match[1];
}

/** Checks the credentials and returns the organization id; binds a self-service key on first use. */
export function authorize(c: Context<ProviderEnv>): string {
  const kit = c.get('kit');
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
  bindSelfServiceKey(kit, key, refuse);
  return orgId;
}

function bindSelfServiceKey(kit: Kit, key: string, refuse: () => Error) {
  const id = keyId(key);
  if (kit.ns.get(KEYS, id)) return; // bound here already: the usual case, without searching other tenants
  const owner = kit.ownerOf(id);
  if (owner !== undefined && owner !== kit.tenant) throw refuse();
  if (owner === undefined)
    kit.ns.put(KEYS, id, { id, prefix: `${key.slice(0, 14)}…`, boundAt: kit.iso() });
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
