// Capa's moves with their side effects: a new user, a new link (which starts the verification and
// supersedes the previous link), and a verification's transition with link use, timestamps and
// webhooks (CREATED_KYC when the person submits, then the outcome event). KYB sends none: Capa
// documents no KYB events.
import type { Kit } from '../../engine/index.js';
import {
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
  linkById,
  NEVER_STARTED,
  newVerification,
  type CapaLink,
  type CapaUser,
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

/** A new link for the user's verification of that kind, which it moves to IN_PROGRESS if needed. */
export function startLink(
  kit: Kit,
  user: CapaUser,
  kind: VerificationKind,
  country: string,
  redirectUri: string | null,
): CapaLink {
  const link: CapaLink = {
    id: kit.ids.indexed('link'), // one per request: kept in an array slot the id encodes (no hashing)
    userId: user.userId, // the stored string, not one sliced from this request's URL (which it would keep alive)
    kind,
    country,
    redirectUri,
    createdAt: kit.now(),
    usedAt: null,
  };
  addLink(kit, link);
  const v = user[kind]; // the user's own verification record (never the shared NEVER_STARTED: the kind matches)
  v.linkId = link.id;
  v.country = country;
  if (v.status !== 'IN_PROGRESS') transition(kit, user, kind, 'IN_PROGRESS', null);
  return link;
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
  const submitted = isSubmission(from, next);
  if (submitted && v.linkId) {
    const link = linkById(kit, v.linkId);
    if (link && link.usedAt === null) link.usedAt = now;
  }
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
