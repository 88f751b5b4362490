// gu1's fixture organizations (key, webhook URL and secret) and the key and organization id formats.
import { readFixture } from '../../engine/index.js';

export interface OrgFixture {
  id: string;
  name: string;
  apiKey: string;
  webhook: { url: string | null; secret: string; events: string[] };
  note: string;
}

export interface OrgsFixture {
  keyFormat: string;
  selfServicePrefix: string;
  organizationIdFormat: string;
  organizations: OrgFixture[];
}

export const orgsFixture = readFixture<OrgsFixture>('gu1', 'organizations.json');
export const fixtureOrgs = new Map(orgsFixture.organizations.map((o) => [o.id, o]));
export const fixtureKeys = new Map(orgsFixture.organizations.map((o) => [o.apiKey, o]));

/** A UUID or org_…, as sent in X-Organization-ID. */
export const orgFormat = new RegExp(orgsFixture.organizationIdFormat);
/** A self-service key's format (after its prefix check). */
export const keyFormat = new RegExp(orgsFixture.keyFormat);
