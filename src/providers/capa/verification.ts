// Applying Capa's transitions with their side effects: link use, timestamps, and webhooks
// (CREATED_KYC when the person submits, then the outcome event). KYB sends none: Capa documents
// no KYB events.
import { SandboxError, type Kit } from '../../engine/index.js';
import {
  capaLifecycle,
  type CapaLink,
  type CapaStatus,
  type CapaUser,
  type VerificationKind,
} from './lifecycle.js';
import { emit, eventFor } from './webhooks.js';

export const USERS = 'users';
export const LINKS = 'links';

export function transition(
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  to: string,
  reason: string | null,
): CapaUser {
  const v = user[kind];
  const from = v.status;
  if (!capaLifecycle.isState(to) || !capaLifecycle.can(from, to)) {
    throw new SandboxError(
      409,
      'illegal_transition',
      `Capa ${kind.toUpperCase()} cannot move from ${from} to ${to}`,
      `allowed from ${from}: ${capaLifecycle.next(from).join(', ') || 'none (final)'}`,
    );
  }
  const now = kit.now();
  const submitted = from === 'IN_PROGRESS' && to !== 'IN_PROGRESS';
  if (submitted && v.linkId) {
    const link = kit.ns.get<CapaLink>(LINKS, v.linkId);
    if (link && link.usedAt === null) link.usedAt = now;
  }
  user[kind] = {
    ...v,
    status: to as CapaStatus,
    reason: to === 'REJECTED' || to === 'REVIEW_NEEDED' ? reason : null,
    submittedAt: submitted ? now : v.submittedAt,
    decidedAt: to === 'VERIFIED' || to === 'REJECTED' ? now : null,
  };
  if (kind === 'kyc') {
    if (submitted) emit(kit, 'CREATED_KYC', user);
    const event = eventFor[to as CapaStatus];
    if (event) emit(kit, event, user);
  }
  return user;
}
