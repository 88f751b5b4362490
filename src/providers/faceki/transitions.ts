// Faceki link moves with side effects: creating a link (one credit spent), and its transitions.
import type { Kit } from '../../engine/index.js';
import { variantOf, workflowById, type Client } from './accounts.js';
import { fail } from './errors.js';
import type { LinkRequest } from './input.js';
import { effectiveState, facekiLifecycle, isDecision, liveCount, SUBJECT } from './lifecycle.js';
import { allLinks, findLink, optionsOf, putLink, walletOf, type FacekiLink } from './records.js';
import { emitDecision } from './webhooks.js';

const MAGIC_INTERNAL_ERROR = 'faceki-internal-error';

/** The workflow the link runs: Blaze 3.0 names it; V2 uses the client's (the portal's default). */
function workflowFor(req: LinkRequest, client: Client): string {
  const workflowId = req.workflowId ?? client.defaultWorkflowId;
  if (!workflowId || !workflowById(workflowId)) throw fail('WORKFLOW_RULES_MISSING');
  return workflowId;
}

function refuseReuse(kit: Kit, applicationId: string | null) {
  if (applicationId === null || optionsOf(kit).applicationIdReuse !== 'reject') return;
  if (findLink(kit, (l) => l.applicationId === applicationId))
    throw fail('INVALID_MISSING_REQUEST_FIELDS', {
      details: { issues: [{ path: '/applicationId', message: 'is already used by another link' }] },
    });
}

/** Stores a link after workflow, reuse, magic value, credit and cap pass (each refusal stores nothing). */
export function createLink(kit: Kit, client: Client, req: LinkRequest): FacekiLink {
  const workflowId = workflowFor(req, client);
  refuseReuse(kit, req.applicationId);
  if (req.applicationId === MAGIC_INTERNAL_ERROR) throw fail('INTERNAL_SYSTEM_ERROR');
  const wallet = walletOf(kit, client);
  if (wallet.credit < 1) throw fail('NOT_ENOUGH_WALLET_CREDIT');
  const now = kit.now();
  if (liveCount(allLinks(kit), now) >= client.linkCap) throw fail('LINK_LIMIT_REACH');
  const minutes = req.expiryMinutes || optionsOf(kit).defaultExpiryMinutes;
  const link = putLink(kit, {
    id: kit.ids.uuid('link'),
    clientId: client.clientId,
    variant: variantOf(kit, client),
    workflowId,
    applicationId: req.applicationId,
    redirectUrl: req.redirectUrl,
    documentOptional: req.documentOptional,
    expiryMinutes: minutes,
    createdAt: kit.iso(now),
    expiresAt: kit.iso(now + minutes * 60_000),
    state: 'CREATED',
    requestId: null,
    reason: null,
    openedAt: null,
    submittedAt: null,
    decidedAt: null,
  });
  wallet.credit -= 1;
  wallet.spent += 1;
  return link;
}

/**
 * Moves a link to `target` (a requestId on submission, the decision timestamps and webhooks, a
 * forced expiry), or throws the sandbox 409 naming the moves allowed from where it is.
 */
export function transition(
  kit: Kit,
  link: FacekiLink,
  target: string,
  reason: string | null,
): FacekiLink {
  const now = kit.now();
  const from = effectiveState(link, now);
  const to = facekiLifecycle.guard(SUBJECT, from, target);
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
