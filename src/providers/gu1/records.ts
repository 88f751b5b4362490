// gu1's stored records: their types, their collections, and the only typed access to them.
import { requireOwned, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import type { AutoOutcome, Gu1Status, MockOutcome } from './lifecycle.js';
import { fixtureOrgs } from './organizations.js';

const ENTITIES = 'entities';
/** Validations are the sessions the admin API and the hosted page see (sessions.ts). */
export const VALIDATIONS = 'validations';
const API_KEYS = 'apiKeys';
const SETTINGS = '_settings';

export interface Gu1Entity extends Record<string, unknown> {
  id: string;
  externalId: string | null;
  organizationId: string;
  type: 'person';
  name: string;
  taxId: string | null;
  /** Letters and digits only, upper-cased: the key for duplicates and the sandbox table. */
  taxIdKey: string | null;
  countryCode: string;
  riskScore: number;
  riskFactors: unknown[];
  status: string;
  kycVerified: boolean;
  kycProvider: string | null;
  kycData: Record<string, unknown> | null;
  entityData: Record<string, unknown>;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Gu1Validation extends Record<string, unknown> {
  id: string;
  /** Creation order within the organization: newest-first ties on a frozen clock. */
  seq: number;
  entityId: string;
  organizationId: string;
  integrationCode: string;
  sessionId: string | null;
  status: Gu1Status;
  provider: string;
  providerSessionUrl: string | null;
  isCurrent: boolean;
  expiresAt: string;
  metadata: Record<string, unknown>;
  webhookUrl: string | null;
  doubleCheckRenaper: boolean;
  omitWarnings: string[];
  workflowId: string | null;
  /** The sandbox table's automatic outcome and when it applies; null once applied or overridden. */
  auto: AutoOutcome | null;
  /** Set by a decision made through the admin API or the hosted page (manual status protection). */
  manual: boolean;
  outcome: MockOutcome | null;
  reason: string | null;
  completedAt: string | null;
  verifiedAt: string | null;
  /** When it entered in_review: a decision after review keeps the review's warnings and RENAPER check. */
  reviewedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A self-service key bound to the organization it was first sent with (stored by digest). */
export interface KeyBinding extends Record<string, unknown> {
  id: string;
  prefix: string;
  boundAt: string;
}

/** What gu1 keeps in its dashboard per organization: the webhook URL, secret and subscriptions. */
export interface WebhookSettings extends Record<string, unknown> {
  organizationId: string;
  name: string;
  environment: 'sandbox';
  url: string | null;
  secret: string;
  events: string[];
  updatedAt: string;
}

/** Letters and digits only, upper-cased ("99.990.001" and "99990001" are one key). */
export const normaliseTaxId = (taxId: string) =>
  taxId
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();

// Entities. Another organization's entity is answered like an unknown one (organizations are
// isolated), so lookups name no `foreign` miss.
export const findEntity = (kit: Kit, id: string) => kit.ns.get<Gu1Entity>(ENTITIES, id);
export const requireEntity = (kit: Kit, id: string) =>
  requireOwned<Gu1Entity>(kit, ENTITIES, id, { unknown: () => fail('ENTITY_NOT_FOUND') });
export const entityWithTaxIdKey = (kit: Kit, taxIdKey: string) =>
  kit.ns.find<Gu1Entity>(ENTITIES, (e) => e.taxIdKey === taxIdKey);
export const saveEntity = (kit: Kit, e: Gu1Entity) => kit.ns.put(ENTITIES, e.id, e);
/** The first entity created with that externalId (gu1 does not say externalIds are unique). */
export const entityWithExternalId = (kit: Kit, externalId: string) =>
  kit.ns.find<Gu1Entity>(ENTITIES, (e) => e.externalId === externalId);

// Validations: unknown and another organization's id get the same documented 404.
export const requireValidation = (
  kit: Kit,
  id: string,
  unknown: () => Error = () => fail('VALIDATION_NOT_FOUND'),
) => requireOwned<Gu1Validation>(kit, VALIDATIONS, id, { unknown });
/** A session row the engine hands back (admin views, the hosted page) is a validation. */
export const asValidation = (row: Record<string, unknown>) => row as Gu1Validation;
export const validationsOf = (kit: Kit) => kit.ns.list<Gu1Validation>(VALIDATIONS);
export const currentValidationOf = (kit: Kit, entityId: string) =>
  kit.ns.find<Gu1Validation>(VALIDATIONS, (v) => v.entityId === entityId && v.isCurrent);
/** The entity's validations, newest first by creation order (`seq`, which a frozen clock cannot tie). */
export const validationsOfEntity = (kit: Kit, entityId: string) =>
  validationsOf(kit)
    .filter((v) => v.entityId === entityId)
    .sort((a, b) => b.seq - a.seq);
/** The next creation order number of the organization (deleted validations leave gaps, never repeats). */
export const nextSeq = (kit: Kit) =>
  validationsOf(kit).reduce((max, v) => Math.max(max, v.seq), 0) + 1;
export const saveValidation = (kit: Kit, v: Gu1Validation) => kit.ns.put(VALIDATIONS, v.id, v);
export const deleteValidation = (kit: Kit, id: string) => kit.ns.delete(VALIDATIONS, id);

// Self-service key bindings (the store's owner index tells which organization holds one).
export const keyBindingOf = (kit: Kit, id: string) => kit.ns.get<KeyBinding>(API_KEYS, id);
export const saveKeyBinding = (kit: Kit, b: KeyBinding) => kit.ns.put(API_KEYS, b.id, b);

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

/** The integration codes enabled for the organization (gu1's Marketplace / Integrations page). */
export function integrationsOf(kit: Kit, all: readonly string[]): string[] {
  return kit.ns.get<{ codes: string[] }>(SETTINGS, 'integrations')?.codes ?? [...all];
}

export function updateIntegrations(kit: Kit, codes: string[]): string[] {
  return kit.ns.put(SETTINGS, 'integrations', { codes: [...codes], updatedAt: kit.iso() }).codes;
}

export type SettingsChange = { url?: string | null; secret?: string; events?: string[] };

export function updateSettings(kit: Kit, change: SettingsChange): WebhookSettings {
  const current = settingsOf(kit);
  return kit.ns.put<WebhookSettings>(SETTINGS, 'webhook', {
    ...current,
    url: change.url === undefined ? current.url : change.url,
    secret: change.secret ?? current.secret,
    events: change.events ?? current.events,
    updatedAt: kit.iso(),
  });
}
