// Organizations: the fixture ones (fixed key, webhook URL and secret) and self-service ones made
// on first use. gu1 configures webhooks in its dashboard; the sandbox keeps the same settings per
// organization (URL, secret, event subscriptions) in a tenant singleton the admin API can change.
import { readFixture, type Kit } from '../../engine/index.js';

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

export const KYC_EVENTS = [
  'kyc.validation_created',
  'kyc.validation_in_progress',
  'kyc.validation_in_review',
  'kyc.validation_approved',
  'kyc.validation_rejected',
  'kyc.validation_abandoned',
  'kyc.validation_expired',
  'kyc.validation_cancelled',
] as const;
export type Gu1Event = (typeof KYC_EVENTS)[number];

export interface WebhookSettings extends Record<string, unknown> {
  organizationId: string;
  name: string;
  environment: 'sandbox';
  url: string | null;
  secret: string;
  events: string[];
  updatedAt: string;
}

const SETTINGS = '_settings';

/** The organization's webhook settings; the fixture's, or a generated secret and no URL. */
export function settingsOf(kit: Kit): WebhookSettings {
  const stored = kit.ns.get<WebhookSettings>(SETTINGS, 'webhook');
  if (stored) return stored;
  const fixture = fixtureOrgs.get(kit.tenant);
  return kit.ns.put<WebhookSettings>(SETTINGS, 'webhook', {
    organizationId: kit.tenant,
    name: fixture?.name ?? 'Self-service sandbox organization',
    environment: 'sandbox',
    url: fixture?.webhook.url ?? null,
    secret: fixture?.webhook.secret ?? `whsec_${kit.ids.token('webhook-secret', 24)}`,
    events: [...(fixture?.webhook.events ?? ['kyc.*'])],
    updatedAt: kit.iso(),
  });
}

export function updateSettings(
  kit: Kit,
  change: { url?: string | null; secret?: string; events?: string[] },
): WebhookSettings {
  const current = settingsOf(kit);
  return kit.ns.put<WebhookSettings>(SETTINGS, 'webhook', {
    ...current,
    url: change.url === undefined ? current.url : change.url,
    secret: change.secret ?? current.secret,
    events: change.events ?? current.events,
    updatedAt: kit.iso(),
  });
}

/** Dashboard subscriptions: an exact event name, "kyc.*", or "*". */
export const subscribed = (events: readonly string[], event: string) =>
  events.some(
    (e) => e === '*' || e === event || (e.endsWith('.*') && event.startsWith(e.slice(0, -1))),
  );
