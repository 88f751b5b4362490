// Moves with side effects: creating entities and validations, status changes, settling what fell due.
import { SandboxError, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import { enabledIntegration, objectOr, stringOr, strings, type Integration } from './input.js';
import {
  cancellable,
  COMPLETED,
  DECIDABLE,
  dueHappenings,
  EXPIRABLE,
  gu1Lifecycle,
  optionsOf,
  STEPS,
  type Gu1Status,
} from './lifecycle.js';
import {
  currentValidationOf,
  dueValidations,
  entityWithTaxIdKey,
  findEntity,
  nextSeq,
  normaliseTaxId,
  requireValidation,
  saveEntity,
  saveValidation,
  type Gu1Entity,
  type Gu1Validation,
} from './records.js';
import { mockOutcomeFor } from './sandbox-table.js';
import { emit, eventFor } from './webhooks.js';

/** Who moved a validation: the sandbox table, the clock, the admin API, the hosted page, or gu1's API. */
export type Source = 'auto' | 'clock' | 'manual' | 'hosted' | 'api';
type Body = Record<string, unknown>;

/** POST /api/entities: a person; a taxId already used in the organization is a 409. */
export function addEntity(kit: Kit, orgId: string, body: Body): Gu1Entity {
  const taxId = typeof body.taxId === 'string' ? body.taxId.trim() : null;
  const taxIdKey = taxId ? normaliseTaxId(taxId) || null : null;
  const existing = taxIdKey ? entityWithTaxIdKey(kit, taxIdKey) : undefined;
  if (existing)
    throw fail('ENTITY_ALREADY_EXISTS', {
      vars: { taxId },
      details: { existingEntityId: existing.id },
    });
  const now = kit.iso();
  return saveEntity(kit, {
    id: kit.ids.uuid('entity'),
    externalId: stringOr(body.externalId),
    organizationId: orgId,
    type: 'person',
    name: String(body.name).trim(),
    taxId,
    taxIdKey,
    countryCode: String(body.countryCode).toUpperCase(),
    riskScore: 0,
    riskFactors: [],
    status: typeof body.status === 'string' ? body.status : 'under_review',
    kycVerified: false,
    kycProvider: null,
    kycData: null,
    entityData: objectOr(body.entityData),
    attributes: objectOr(body.attributes),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
}

/**
 * POST /api/kyc/validations: a pending validation, current for its entity (the previous current
 * one flips to isCurrent: false), with its created webhook.
 */
export function openValidation(
  kit: Kit,
  orgId: string,
  entity: Gu1Entity,
  integration: Integration,
  body: Body,
): Gu1Validation {
  const v = newValidation(kit, orgId, entity, integration, body);
  emit(kit, 'kyc.validation_created', v, v.createdAt);
  return v;
}

/** A pending validation stored as openValidation stores it, without its webhook (a trigger's fixture). */
export function newValidation(
  kit: Kit,
  orgId: string,
  entity: Gu1Entity,
  integration: Integration,
  body: Body,
): Gu1Validation {
  const opts = optionsOf(kit);
  const now = kit.now();
  const outcome = mockOutcomeFor(entity.taxIdKey);
  const id = kit.ids.uuid('validation');
  const iso = kit.iso(now);
  const v: Gu1Validation = {
    id,
    seq: nextSeq(kit),
    entityId: entity.id,
    organizationId: orgId,
    integrationCode: integration.code,
    // Test taxIds get no provider session (documented sandbox behaviour).
    sessionId: outcome ? null : `session_${kit.ids.token('session', 12)}`,
    status: 'pending',
    provider: integration.provider,
    providerSessionUrl: outcome ? null : kit.hostedUrl(id),
    isCurrent: true,
    expiresAt: kit.iso(now + opts.validationTtl),
    metadata: objectOr(body.metadata),
    webhookUrl: stringOr(body.webhookUrl),
    doubleCheckRenaper: body.doubleCheckRenaper === true,
    omitWarnings: strings(body.omitWarnings),
    workflowId: stringOr(body.workflowId),
    auto: outcome ? { outcome, dueAt: kit.iso(now + opts.mockDelay) } : null,
    manual: false,
    outcome: null,
    reason: null,
    completedAt: null,
    verifiedAt: null,
    reviewedAt: null,
    createdAt: iso,
    updatedAt: iso,
  };
  // Only the entity's newest validation can be current (records.ts).
  const prev = currentValidationOf(kit, entity.id);
  if (prev) {
    prev.isCurrent = false;
    prev.updatedAt = iso;
  }
  return saveValidation(kit, v);
}

/** Applies one allowed status change at instant `at` (epoch ms) and sends its webhook. */
export function applyStatus(
  kit: Kit,
  v: Gu1Validation,
  to: Gu1Status,
  at: number,
  source: Source,
  reason: string | null = null,
) {
  const iso = kit.iso(at);
  v.status = to;
  v.updatedAt = iso;
  if (COMPLETED.includes(to) && !v.completedAt) v.completedAt = iso;
  if (to === 'in_review') v.reviewedAt = iso;
  if (to === 'approved' || to === 'rejected') v.verifiedAt = iso;
  if (reason !== null) v.reason = reason;
  if (source === 'manual' || source === 'hosted' || source === 'api') {
    // Manual status protection: a decision made by a person is never overwritten by the
    // sandbox table's automatic outcome.
    v.manual = true;
    v.auto = null;
  }
  if (to === 'approved' || to === 'rejected') updateEntityKyc(kit, v, iso);
  emit(kit, eventFor(to), v, iso);
}

function updateEntityKyc(kit: Kit, v: Gu1Validation, iso: string) {
  const entity = findEntity(kit, v.entityId);
  if (!entity) return;
  entity.kycVerified = v.status === 'approved';
  entity.kycProvider = v.provider;
  entity.kycData = { validationId: v.id, status: v.status, verifiedAt: v.verifiedAt };
  entity.updatedAt = iso;
}

/** Applies what is due on one validation at `now`, in time order; returns whether it changed. */
export function settleOne(kit: Kit, v: Gu1Validation, now: number): boolean {
  let changed = false;
  for (const h of dueHappenings(v, now)) {
    if (h.kind === 'auto' && v.auto) {
      const outcome = v.auto.outcome;
      v.auto = null;
      v.outcome = outcome;
      for (const step of STEPS[outcome]) {
        if (gu1Lifecycle.can(v.status, step)) {
          applyStatus(kit, v, step, h.at, 'auto');
          changed = true;
        }
      }
    } else if (h.kind === 'expire' && EXPIRABLE.includes(v.status)) {
      applyStatus(kit, v, 'expired', h.at, 'clock');
      changed = true;
    }
  }
  return changed;
}

/**
 * Every validation of the organization with something due: the sandbox table's automatic outcomes
 * and expiries, with their webhooks, validation by validation in creation order. Run when the clock
 * moves (the provider's settle hook), by the auth stage on each authenticated call, and by the admin
 * API; the due queue (records.ts) names the validations, so a call pays for what fell due only.
 */
export function settle(kit: Kit) {
  const now = kit.now();
  for (const v of dueValidations(kit, now)) settleOne(kit, v, now);
}

/** An operator's move (admin API or hosted page): settles first, then checks the lifecycle. */
export function operatorTransition(
  kit: Kit,
  id: string,
  to: string,
  source: 'manual' | 'hosted',
  reason: string | null,
): Gu1Validation {
  const v = requireValidation(
    kit,
    id,
    () => new SandboxError(404, 'unknown_session', `No gu1 validation ${id}`),
  );
  settleOne(kit, v, kit.now());
  const next = gu1Lifecycle.guard('gu1 validation', v.status, to);
  applyStatus(kit, v, next, kit.now(), source, reason);
  return v;
}

// gu1's own endpoints for moving a validation (cancel, approve, reject, sync). Each settles the
// validation first (gu1 "first syncs with the provider"), and each decision is a manual one.

const CANCELLED_FROM_TEXT: Record<string, string> = {
  'pending-in_progress-in_review': 'pending, in_progress, or in_review',
  'pending-in_progress': 'pending or in_progress',
};

/**
 * DELETE /api/kyc/validations/{id}/cancel: cancelled, no longer current, the reason kept in
 * metadata; the provider session is gone (the hosted link closes), and kyc.validation_cancelled sent.
 */
export function cancelValidation(kit: Kit, v: Gu1Validation, reason: string): Gu1Validation {
  settleOne(kit, v, kit.now());
  const opts = optionsOf(kit);
  if (!cancellable(opts).includes(v.status))
    throw fail('CANCEL_INVALID_STATUS', {
      vars: { allowed: CANCELLED_FROM_TEXT[opts.cancellableFrom] },
      details: { status: v.status },
    });
  v.isCurrent = false;
  v.metadata = { ...v.metadata, cancellationReason: reason };
  applyStatus(kit, v, 'cancelled', kit.now(), 'api', reason);
  return v;
}

/**
 * POST /api/kyc/validations/{id}/approve | reject: only from in_review. Approve marks it verified
 * (verifiedAt) and stays current; reject is no longer current. The reason is kept in metadata.
 */
export function decideValidation(
  kit: Kit,
  v: Gu1Validation,
  to: 'approved' | 'rejected',
  reason: string,
): Gu1Validation {
  settleOne(kit, v, kit.now());
  if (!DECIDABLE.includes(v.status))
    throw fail(to === 'approved' ? 'APPROVE_INVALID_STATUS' : 'REJECT_INVALID_STATUS', {
      details: { status: v.status },
    });
  if (to === 'rejected') v.isCurrent = false;
  const key = to === 'approved' ? 'approvalReason' : 'rejectionReason';
  v.metadata = { ...v.metadata, [key]: reason };
  applyStatus(kit, v, to, kit.now(), 'api', reason);
  return v;
}

/**
 * POST /api/kyc/validations/{id}/sync: what the provider decided by now is applied (never over a
 * manual decision); a validation without a provider session, or whose integration the organization
 * no longer has, cannot be synced. The sandbox's provider is never behind gu1 (README, "Sync").
 */
export function syncValidation(kit: Kit, v: Gu1Validation): Gu1Validation {
  if (!v.sessionId) throw fail('NO_SESSION_ID');
  if (!enabledIntegration(kit, v.integrationCode))
    throw fail('PROVIDER_INTEGRATION_NOT_CONFIGURED', {
      details: { integrationCode: v.integrationCode },
    });
  settleOne(kit, v, kit.now());
  return v;
}
