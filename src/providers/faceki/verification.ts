// Applying a Faceki link transition with its side effects: a requestId on submission, the decision
// timestamps, a forced expiry, and the webhooks of a decision.
import { SandboxError, type Kit } from '../../engine/index.js';
import { effectiveState, facekiLifecycle, isDecision, type FacekiLink } from './lifecycle.js';
import { emitDecision } from './webhooks.js';

export const LINKS = 'links';

export function transition(
  kit: Kit,
  link: FacekiLink,
  to: string,
  reason: string | null,
): FacekiLink {
  const now = kit.now();
  const from = effectiveState(link, now);
  if (!facekiLifecycle.isState(to) || !facekiLifecycle.can(from, to)) {
    throw new SandboxError(
      409,
      'illegal_transition',
      `Faceki link cannot move from ${from} to ${to}`,
      `allowed from ${from}: ${facekiLifecycle.next(from).join(', ') || 'none (final)'}`,
    );
  }
  const at = kit.iso(now);
  // EXPIRED is computed from expiresAt, so forcing it means moving expiresAt to now.
  if (to === 'EXPIRED') {
    link.expiresAt = at;
    return link;
  }
  if (to === 'OPENED') {
    link.state = 'OPENED';
    link.openedAt = at;
    return link;
  }
  if (link.requestId === null) {
    link.requestId = kit.ids.uuid('request');
    link.submittedAt = at;
  }
  link.state = to;
  if (isDecision(to)) {
    link.decidedAt = at;
    link.reason = reason;
    emitDecision(kit, link, from);
  }
  return link;
}
