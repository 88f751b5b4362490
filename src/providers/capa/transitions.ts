// Capa's moves with their side effects: a new user, a new link (which starts the verification and
// supersedes the previous link), a KYC the partner ran and uploads (submitted at once), and a
// verification's transition with link use, timestamps and webhooks (CREATED_KYC when the person
// submits, then the outcome event). KYB sends none: Capa documents no KYB events.
import type { Kit } from '../../engine/index.js';
import { fail } from './errors.js';
import {
  canGenerateLink,
  capaLifecycle,
  isDecision,
  isSubmission,
  keepsReason,
  type UserType,
  type VerificationKind,
} from './lifecycle.js';
import {
  addLink,
  addUser,
  currentLink,
  linkById,
  NEVER_STARTED,
  newVerification,
  type CapaLink,
  type CapaUser,
  type PersonalInfo,
} from './records.js';
import { emit, eventFor } from './webhooks.js';

export function createUser(
  kit: Kit,
  input: { type: UserType; email: string; externalUserId: string | null; alias: string | null },
): CapaUser {
  const business = input.type === 'BUSINESS';
  return addUser(kit, {
    userId: kit.ids.uuid('user'),
    type: input.type,
    email: input.email,
    externalUserId: input.externalUserId,
    alias: input.alias,
    kyc: business ? NEVER_STARTED : newVerification(),
    kyb: business ? newVerification() : NEVER_STARTED,
  });
}

/** What a link or an upload may carry besides its country. */
export interface SessionInput {
  redirectUri?: string | null;
  personalInfo?: PersonalInfo | null;
  documentType?: string | null;
}

/** A new session (link or upload) for the user's verification of that kind, now the current one. */
function startSession(
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  country: string,
  source: 'link' | 'upload',
  input: SessionInput,
): CapaLink {
  const now = kit.now();
  const link: CapaLink = {
    id: kit.ids.indexed('link'), // one per request: kept in an array slot the id encodes (no hashing)
    userId: user.userId, // the stored string, not one sliced from this request's URL (which it would keep alive)
    kind,
    source,
    country,
    redirectUri: input.redirectUri ?? null,
    createdAt: now,
    // An upload is the submission itself: nothing is left for the person to open.
    usedAt: source === 'upload' ? now : null,
  };
  addLink(kit, link);
  const v = user[kind]; // the user's own verification record (never the shared NEVER_STARTED: the kind matches)
  v.linkId = link.id;
  v.country = country;
  if (input.personalInfo) v.personalInfo = input.personalInfo;
  if (source === 'upload') v.documentType = input.documentType ?? null;
  if (v.status !== 'IN_PROGRESS') transition(kit, user, kind, 'IN_PROGRESS', null);
  return link;
}

/** A new link for the user's verification of that kind, which it moves to IN_PROGRESS if needed. */
export const startLink = (
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  country: string,
  input: SessionInput = {},
): CapaLink => startSession(kit, user, kind, country, 'link', input);

/** Whether the user's current session of that kind was submitted (its link used): a decision is due. */
export const awaitsDecision = (kit: Kit, user: CapaUser, kind: VerificationKind) =>
  user[kind].status === 'IN_PROGRESS' && (currentLink(kit, user, kind)?.usedAt ?? null) !== null;

/**
 * A link asked for over the API (per-user or direct): the `link-error` alias fails as Capa's 500,
 * and a verification already submitted takes no new link.
 */
export function openLink(
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  country: string,
  input: SessionInput,
): CapaLink {
  if (user.alias === 'link-error') throw fail('INTERNAL_SERVER_ERROR');
  const { status } = user[kind];
  if (!canGenerateLink(status, awaitsDecision(kit, user, kind)))
    throw fail('VERIFICATION_ALREADY_COMPLETED', {
      vars: { userId: user.userId, kind: kind.toUpperCase(), status },
    });
  return startLink(kit, user, kind, country, input);
}

/**
 * A KYC the partner ran itself and sends (send-verification): the verification is submitted at once
 * (IN_PROGRESS, CREATED_KYC sent) and waits for Capa's decision, which arrives as a webhook; with
 * uploadOutcome set, that decision is taken at once.
 */
export function submitUpload(
  kit: Kit,
  user: CapaUser,
  country: string,
  input: SessionInput,
  outcome: 'none' | 'VERIFIED' | 'REJECTED' | 'REVIEW_NEEDED',
): CapaLink {
  const upload = startSession(kit, user, 'kyc', country, 'upload', input);
  user.kyc.submittedAt = upload.createdAt;
  emit(kit, 'CREATED_KYC', user);
  if (outcome !== 'none')
    transition(kit, user, 'kyc', outcome, outcome === 'VERIFIED' ? null : 'Decided at upload');
  return upload;
}

/** Moves a verification, or throws the sandbox's 409 naming the moves allowed from its state. */
export function transition(
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  to: string,
  reason: string | null,
): CapaUser {
  const v = user[kind];
  const from = v.status;
  const next = capaLifecycle.guard(`Capa ${kind.toUpperCase()}`, from, to);
  const now = kit.now();
  // The person submits through a live link; an upload was submitted when it arrived.
  const link = v.linkId ? linkById(kit, v.linkId) : undefined;
  const submitted = isSubmission(from, next) && (link?.usedAt ?? null) === null;
  if (submitted && link) link.usedAt = now;
  user[kind] = {
    ...v,
    status: next,
    reason: keepsReason(next) ? reason : null,
    submittedAt: submitted ? now : v.submittedAt,
    decidedAt: isDecision(next) ? now : null,
  };
  if (kind === 'kyc') {
    if (submitted) emit(kit, 'CREATED_KYC', user);
    const event = eventFor[next];
    if (event) emit(kit, event, user);
  }
  return user;
}
