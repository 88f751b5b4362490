// Faceki moves with side effects: creating a link and moving it on, a direct verification, a face
// search. Each billed call spends one credit; each decision sends its webhook.
import { SandboxError, type Kit } from '../../engine/index.js';
import { variantOf, workflowById, type Client } from './accounts.js';
import { fail, facekiOutcomes } from './errors.js';
import type { Steer } from './input-form.js';
import type { LinkRequest } from './input.js';
import { effectiveState, facekiLifecycle, isDecision, linkStatus, SUBJECT } from './lifecycle.js';
import {
  closeLink,
  linkWithApplicationId,
  openLinks,
  optionsOf,
  putLink,
  putVerification,
  walletOf,
  type FacekiLink,
  type FacekiVerification,
  type StoredState,
} from './records.js';
import { allSources, faceIdOf, type RecordSource } from './views-records.js';
import type { ImageProblem } from './views.js';
import { emitDecision, emitVerificationResult } from './webhooks.js';

const MAGIC_INTERNAL_ERROR = 'faceki-internal-error';

/** The workflow the link runs: Blaze 3.0 names it; V2 uses the client's (the portal's default). */
function workflowFor(req: LinkRequest, client: Client): string {
  const workflowId = req.workflowId ?? client.defaultWorkflowId;
  if (!workflowId || !workflowById(workflowId)) throw fail('WORKFLOW_RULES_MISSING');
  return workflowId;
}

function refuseReuse(kit: Kit, applicationId: string | null) {
  if (applicationId === null || optionsOf(kit).applicationIdReuse !== 'reject') return;
  if (linkWithApplicationId(kit, applicationId))
    throw fail('INVALID_MISSING_REQUEST_FIELDS', {
      details: { issues: [{ path: '/applicationId', message: 'is already used by another link' }] },
    });
}

/**
 * How many of the client's links still open a flow (the cap counts these only), read from the open
 * links, which drops those that no longer can: at most the cap's worth stay to be read next time.
 * A tenant's clock only moves forward (the time service refuses the rest; a reset drops the
 * tenant's links with its clock), so an expired link stays expired.
 */
function liveLinks(kit: Kit, now: number): number {
  let live = 0;
  for (const { id, link } of openLinks(kit)) {
    if (link && linkStatus(link, now) === 'live') live++;
    else closeLink(kit, id);
  }
  return live;
}

/** Stores a link after workflow, reuse, magic value, credit and cap pass (each refusal stores nothing). */
export function createLink(kit: Kit, client: Client, req: LinkRequest): FacekiLink {
  const workflowId = workflowFor(req, client);
  refuseReuse(kit, req.applicationId);
  if (req.applicationId === MAGIC_INTERNAL_ERROR) throw fail('INTERNAL_SYSTEM_ERROR');
  const wallet = walletOf(kit, client);
  if (wallet.credit < 1) throw fail('NOT_ENOUGH_WALLET_CREDIT');
  const now = kit.now();
  if (liveLinks(kit, now) >= client.linkCap) throw fail('LINK_LIMIT_REACH');
  const minutes = req.expiryMinutes || optionsOf(kit).defaultExpiryMinutes;
  const link = putLink(kit, {
    id: kit.ids.uuid('link'),
    clientId: client.clientId,
    variant: variantOf(kit, client),
    workflowId,
    applicationId: req.applicationId,
    redirectUrl: req.redirectUrl,
    documentOptional: req.documentOptional,
    chosenDocument: null,
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

/** The document a document_optional link's person chose (the hosted page's choice); else nothing. */
function choose(link: FacekiLink, document: string | undefined) {
  if (document === undefined || !link.documentOptional) return;
  const allowed = workflowById(link.workflowId)?.allowedKycDocuments ?? [];
  if (!allowed.includes(document))
    throw new SandboxError(
      400,
      'bad_choice',
      `"${document.slice(0, 64)}" is not a document of this link's workflow`,
      `one of ${allowed.join(', ')}`,
    );
  link.chosenDocument = document;
}

/**
 * Moves a link to `target` (a requestId on submission, the decision timestamps and webhooks, a
 * forced expiry), or throws the sandbox 409 naming the moves allowed from where it is. A document
 * chosen on the hosted page is kept for the record.
 */
export function transition(
  kit: Kit,
  link: FacekiLink,
  target: string,
  reason: string | null,
  choices?: Readonly<Record<string, string>>,
): FacekiLink {
  const now = kit.now();
  const from = effectiveState(link, now);
  const to = facekiLifecycle.guard(SUBJECT, from, target);
  choose(link, choices?.document);
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
  recordMove(kit, link, to, reason, at);
  // A reviewer changing a REVIEW decision is the portal's update, not a second result.
  if (isDecision(to)) emitDecision(kit, link, from === 'REVIEW');
  return link;
}

/**
 * A submission (its requestId) or a decision (its timestamp and reason) written on the link; the
 * caller sends the webhook (a trigger's fixture sends only the event it was asked for).
 */
export function recordMove(
  kit: Kit,
  link: FacekiLink,
  to: StoredState,
  reason: string | null,
  at = kit.iso(),
) {
  if (link.requestId === null) {
    link.requestId = kit.ids.uuid('request');
    link.submittedAt = at;
  }
  link.state = to;
  if (isDecision(to)) {
    link.decidedAt = at;
    link.reason = reason;
  }
  return putLink(kit, link);
}

/** One credit for a billed call, or 5003 when the wallet is empty. */
function spend(kit: Kit, client: Client) {
  const wallet = walletOf(kit, client);
  if (wallet.credit < 1) throw fail('NOT_ENOUGH_WALLET_CREDIT');
  wallet.credit -= 1;
  wallet.spent += 1;
}

export interface VerificationRequest {
  api: FacekiVerification['api'];
  workflowId: string;
  recordIdentifier: string | null;
  documents: string[];
  steer: Steer;
  /** The selfie as read: the same selfie maps to the same face id. */
  selfie: string;
}

/**
 * A direct verification, decided at once: the magic record_identifier (500), the credit (5003),
 * then the outcome the selfie steers. An image problem records nothing and costs nothing; any other
 * outcome is stored as a record (one credit) and sends its EKYC result.
 */
export function verify(
  kit: Kit,
  client: Client,
  req: VerificationRequest,
): FacekiVerification | ImageProblem {
  if (req.recordIdentifier === MAGIC_INTERNAL_ERROR) throw fail('INTERNAL_SYSTEM_ERROR');
  if (walletOf(kit, client).credit < 1) throw fail('NOT_ENOUGH_WALLET_CREDIT');
  const { steer } = req;
  const outcome =
    steer in facekiOutcomes ? facekiOutcomes[steer as keyof typeof facekiOutcomes] : null;
  if (outcome && outcome.decision === null) return { problem: steer as ImageProblem['problem'] };
  spend(kit, client);
  const v = putVerification(kit, {
    id: kit.ids.uuid('request'),
    clientId: client.clientId,
    api: req.api,
    workflowId: req.workflowId,
    recordIdentifier: req.recordIdentifier,
    documents: [...req.documents],
    decision: outcome ? 'DECLINED' : (steer as FacekiVerification['decision']),
    outcome: outcome ? (steer as FacekiVerification['outcome']) : null,
    faceId: faceIdOf(kit, `selfie:${req.selfie}`),
    createdAt: kit.iso(),
  });
  emitVerificationResult(kit, v);
  return v;
}

/**
 * Face search ("Face Match API", billed: one credit): the records of people who passed KYC whose
 * face is the selfie's. The sandbox's face is the selfie itself: the same image, the same face.
 */
export function searchByFace(kit: Kit, client: Client, selfie: string): RecordSource[] {
  spend(kit, client);
  const faceId = faceIdOf(kit, `selfie:${selfie}`);
  return allSources(kit, (r) => r.decision === 'ACCEPTED' && r.faceId === faceId);
}
