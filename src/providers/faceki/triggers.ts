// Faceki's webhooks as QA and receivers use them: the two documented events and a trigger that sends
// one. Faceki documents no signature scheme, so there is no flaw to show and nothing to verify.
import { SandboxError, unknownSession, type Kit, type WebhookSupport } from '../../engine/index.js';
import { clientById, workflows } from './accounts.js';
import { decisionOf } from './lifecycle.js';
import {
  allVerifications,
  findLink,
  linkById,
  webhookSetupOf,
  type FacekiLink,
} from './records.js';
import { createLink, recordMove } from './transitions.js';
import {
  emitDecision,
  emitVerificationResult,
  FACEKI_EVENTS,
  type FacekiEvent,
} from './webhooks.js';

/** A link of the tenant's client, submitted and accepted, with no event sent (one credit, as any link). */
function fixtureLink(kit: Kit): FacekiLink {
  const client = clientById(kit.tenant);
  if (!client)
    throw new SandboxError(
      404,
      'unknown_client',
      `${kit.tenant} is not a Faceki client id`,
      'name the tenant by its clientId (GET /_sandbox/providers lists the fixture clients)',
    );
  const link = createLink(kit, client, {
    expiryMinutes: 0,
    applicationId: null,
    redirectUrl: null,
    documentOptional: false,
    workflowId: client.defaultWorkflowId ?? workflows[0]._id,
  });
  return recordMove(kit, link, 'ACCEPTED', null);
}

/** The event about a link, once it has a decision (its result, or a reviewer's update of it). */
function aboutLink(kit: Kit, link: FacekiLink, event: FacekiEvent) {
  if (!decisionOf(link))
    throw new SandboxError(
      409,
      'not_decided',
      `Link ${link.id} has no decision yet: Faceki sends ${event} only about a decided verification`,
      `POST /_sandbox/sessions/${link.id}/transition {"state": "ACCEPTED"} first`,
    );
  return emitDecision(kit, link, event === 'EKYC_PORTAL_UPDATE');
}

/**
 * Faceki's events are about a link (their subject), or a direct verification's requestId: the one
 * named (a link's id or requestId, or a verification's requestId), else a new accepted link. The
 * record is not moved: the event shows its decision as it is.
 */
export const facekiWebhooks: WebhookSupport = {
  events: FACEKI_EVENTS,
  flaws: [],
  verification: () => null,
  // Unsigned: a receiver has nothing to check, so every delivery passes (and the kit exports none).
  verify: () => true,
  target: (kit) => webhookSetupOf(kit, clientById(kit.tenant)).url ?? undefined,
  trigger(kit, name, sessionId) {
    const event = name as FacekiEvent;
    if (sessionId === undefined) return aboutLink(kit, fixtureLink(kit), event);
    const link = linkById(kit, sessionId) ?? findLink(kit, (l) => l.requestId === sessionId);
    if (link) return aboutLink(kit, link, event);
    const v = allVerifications(kit).find((x) => x.id === sessionId);
    if (!v) throw unknownSession(sessionId);
    return emitVerificationResult(kit, v, event === 'EKYC_PORTAL_UPDATE');
  },
};
