// gu1's stored records: their types, their collections, and the only typed access to them.
import { dueQueue, idLists, keyIndex, requireOwned, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import type { AutoOutcome, Gu1Status, MockOutcome } from './lifecycle.js';
import { fixtureOrgs } from './organizations.js';

const ENTITIES = 'entities';
/** Validations are the sessions the admin API and the hosted page see (sessions.ts). */
export const VALIDATIONS = 'validations';
const API_KEYS = 'apiKeys';
const SETTINGS = '_settings';
// Lookups (engine keyIndex, idLists, dueQueue), so that what a call does costs the same however
// much the organization holds: an entity by taxId key, the entities of an externalId and the
// validations of an entity in creation order, the last creation order number given, and when each
// validation has something due (its automatic outcome, its expiry).
const byTaxId = keyIndex<string>(
  '_entityByTaxId',
  (ns, _k, id) => ns.get(ENTITIES, id) !== undefined,
);
const byExternalId = idLists(
  '_entitiesByExternalId',
  (ns, id) => ns.get(ENTITIES, id) !== undefined,
);
const ofEntity = idLists('_validationsOfEntity', (ns, id) => ns.get(VALIDATIONS, id) !== undefined);
const COUNTERS = '_counters';
const due = dueQueue('_due', (ns, id) => ns.get(VALIDATIONS, id) !== undefined);

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
/** The entity with that taxId key (an entity's taxId never changes; a second one is refused). */
export const entityWithTaxIdKey = (kit: Kit, taxIdKey: string) =>
  findEntity(kit, byTaxId.get(kit.ns, taxIdKey) ?? '');
/** The first entity created with that externalId (gu1 does not say externalIds are unique). */
export const entityWithExternalId = (kit: Kit, externalId: string) =>
  findEntity(kit, byExternalId.first(kit.ns, externalId) ?? '');
/** Saves an entity; a new one is found by its taxId key and its externalId. */
export function saveEntity(kit: Kit, e: Gu1Entity) {
  if (!findEntity(kit, e.id)) {
    if (e.taxIdKey !== null) byTaxId.set(kit.ns, e.taxIdKey, e.id);
    if (e.externalId !== null) byExternalId.add(kit.ns, e.externalId, e.id);
  }
  return kit.ns.put(ENTITIES, e.id, e);
}

// Validations: unknown and another organization's id get the same documented 404.
export const requireValidation = (
  kit: Kit,
  id: string,
  unknown: () => Error = () => fail('VALIDATION_NOT_FOUND'),
) => requireOwned<Gu1Validation>(kit, VALIDATIONS, id, { unknown });
/** A session row the engine hands back (admin views, the hosted page) is a validation. */
export const asValidation = (row: Record<string, unknown>) => row as Gu1Validation;
export const validationOf = (kit: Kit, id: string) => kit.ns.get<Gu1Validation>(VALIDATIONS, id);
/**
 * The entity's current validation. Creating one makes every earlier one of the entity not current,
 * so only the newest can be.
 */
export function currentValidationOf(kit: Kit, entityId: string) {
  const v = validationOf(kit, ofEntity.newest(kit.ns, entityId) ?? '');
  return v?.isCurrent ? v : undefined;
}
/** The entity's validations, newest first by creation order (`seq`, which a frozen clock cannot tie). */
export const validationsOfEntity = (kit: Kit, entityId: string) =>
  ofEntity
    .ids(kit.ns, entityId)
    .map((id) => validationOf(kit, id)!)
    .sort((a, b) => b.seq - a.seq);
/** The next creation order number of the organization (deleted validations leave gaps, never repeats). */
export function nextSeq(kit: Kit) {
  const row = kit.ns.get<{ validationSeq: number }>(COUNTERS, 'seq');
  if (row) return ++row.validationSeq;
  return kit.ns.put(COUNTERS, 'seq', { validationSeq: 1 }).validationSeq;
}
/**
 * Saves a validation. A new one joins its entity's list and the due queue, at its automatic
 * outcome's instant and its expiry: neither ever moves later, and a status never returns to one
 * that expires, so what these say is all that can fall due.
 */
export function saveValidation(kit: Kit, v: Gu1Validation) {
  if (!validationOf(kit, v.id)) {
    ofEntity.add(kit.ns, v.entityId, v.id);
    if (v.auto) due.add(kit.ns, v.id, Date.parse(v.auto.dueAt));
    due.add(kit.ns, v.id, Date.parse(v.expiresAt));
  }
  return kit.ns.put(VALIDATIONS, v.id, v);
}
/** The validations with something due at `now` or before, in creation order. */
export const dueValidations = (kit: Kit, now: number) =>
  due
    .take(kit.ns, now)
    .map((id) => validationOf(kit, id))
    .filter((v) => v !== undefined)
    .sort((a, b) => a.seq - b.seq);
export function deleteValidation(kit: Kit, id: string) {
  const v = validationOf(kit, id);
  if (v) ofEntity.remove(kit.ns, v.entityId, id);
  return kit.ns.delete(VALIDATIONS, id);
}

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
