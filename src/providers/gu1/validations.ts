// Moving validations: one status change with its side effects (timestamps, the entity's KYC
// fields, a webhook), and `settle`, which applies what became due on the clock (the sandbox
// table's automatic outcomes, expiry) when the clock moves or the organization next calls.
import { SandboxError, type Kit } from '../../engine/index.js';
import {
  COMPLETED,
  dueHappenings,
  EXPIRABLE,
  gu1Lifecycle,
  STEPS,
  type Gu1Entity,
  type Gu1Status,
  type Gu1Validation,
} from './lifecycle.js';
import { ENTITIES, VALIDATIONS } from './store-names.js';
import { emit, eventFor } from './webhooks.js';

export type Source = 'auto' | 'clock' | 'manual' | 'hosted';

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
  if (to === 'approved' || to === 'rejected') v.verifiedAt = iso;
  if (reason !== null) v.reason = reason;
  if (source === 'manual' || source === 'hosted') {
    // Manual status protection: a decision made by a person is never overwritten by the
    // sandbox table's automatic outcome.
    v.manual = true;
    v.auto = null;
  }
  if (to === 'approved' || to === 'rejected') updateEntityKyc(kit, v, iso);
  emit(kit, eventFor(to), v, iso);
}

function updateEntityKyc(kit: Kit, v: Gu1Validation, iso: string) {
  const entity = kit.ns.get<Gu1Entity>(ENTITIES, v.entityId);
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

/** Every validation of the organization; called on each authenticated gu1 request. */
export function settle(kit: Kit) {
  const now = kit.now();
  for (const v of kit.ns.list<Gu1Validation>(VALIDATIONS)) settleOne(kit, v, now);
}

/** An operator's move (admin API or hosted page): settles first, then checks the lifecycle. */
export function operatorTransition(
  kit: Kit,
  id: string,
  to: string,
  source: 'manual' | 'hosted',
  reason: string | null,
): Gu1Validation {
  const v = kit.ns.get<Gu1Validation>(VALIDATIONS, id);
  if (!v) throw new SandboxError(404, 'unknown_session', `No gu1 validation ${id}`);
  settleOne(kit, v, kit.now());
  if (!gu1Lifecycle.isState(to) || !gu1Lifecycle.can(v.status, to)) {
    throw new SandboxError(
      409,
      'illegal_transition',
      `gu1 validation cannot move from ${v.status} to ${to}`,
      `allowed from ${v.status}: ${gu1Lifecycle.next(v.status).join(', ') || 'none (final)'}`,
    );
  }
  applyStatus(kit, v, to, kit.now(), source, reason);
  return v;
}
