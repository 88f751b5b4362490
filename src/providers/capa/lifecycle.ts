// Capa's verification lifecycle (KYB status vocabulary, reused for KYC as the docs suggest), its
// options, and the link rules: a link expires after a TTL, is used once the person submits, and a
// newer link supersedes an older one. Pure functions of (record, now).
import {
  defineLifecycle,
  type Kit,
  type OptionSpec,
  type OptionValues,
} from '../../engine/index.js';

export const capaLifecycle = defineLifecycle({
  states: ['NOT_STARTED', 'IN_PROGRESS', 'VERIFIED', 'REJECTED', 'REVIEW_NEEDED'] as const,
  initial: 'NOT_STARTED',
  transitions: {
    NOT_STARTED: ['IN_PROGRESS'],
    IN_PROGRESS: ['VERIFIED', 'REJECTED', 'REVIEW_NEEDED'],
    REVIEW_NEEDED: ['VERIFIED', 'REJECTED'],
    REJECTED: ['IN_PROGRESS'],
  },
});

export type CapaStatus = (typeof capaLifecycle.states)[number];
export type VerificationKind = 'kyc' | 'kyb';
export type UserType = 'INDIVIDUAL' | 'BUSINESS';
export type LinkState = 'live' | 'expired' | 'used' | 'superseded';

/** Variants where Capa's pages disagree, and the link TTL it does not document. */
export const capaOptions = {
  envelope: {
    default: 'documented',
    choices: ['documented', 'success', 'status-ok'],
    description:
      'success envelope: as each page documents it ({success,data} on users/links, {status:"ok",data} on details), or one style everywhere',
  },
  linkStatus: {
    default: '201',
    choices: ['201', '200'],
    description:
      'HTTP status of a created verification link (undocumented; Create User documents 201)',
  },
  linkTtl: {
    default: '24h',
    type: 'duration',
    description: 'how long a verification link opens a flow (Capa documents no number)',
  },
} as const satisfies Record<string, OptionSpec>;

/** The tenant's options as parsed at boot (linkTtl in milliseconds). */
export const optionsOf = (kit: Kit) => kit.options as OptionValues<typeof capaOptions>;

export const linkTtl = (kit: Kit): number => optionsOf(kit).linkTtl;

/** The kind of verification a user type may ask for: INDIVIDUAL → KYC, BUSINESS → KYB. */
export const kindFor = (type: UserType): VerificationKind => (type === 'BUSINESS' ? 'kyb' : 'kyc');

/** A new link may be generated before a submission, and again after a rejection. */
export const canGenerateLink = (status: CapaStatus) =>
  status === 'NOT_STARTED' || status === 'IN_PROGRESS' || status === 'REJECTED';

/** A submission leaves IN_PROGRESS for a decision (or for review); it uses the link. */
export const isSubmission = (from: CapaStatus, to: CapaStatus) =>
  from === 'IN_PROGRESS' && to !== 'IN_PROGRESS';

/** A reason is kept only with the outcomes that carry one. */
export const keepsReason = (to: CapaStatus) => to === 'REJECTED' || to === 'REVIEW_NEEDED';

/** VERIFIED and REJECTED are decisions (REVIEW_NEEDED waits for one). */
export const isDecision = (to: CapaStatus) => to === 'VERIFIED' || to === 'REJECTED';

/**
 * Whether a link still opens a flow: `currentLinkId` is the user's latest link of that kind
 * (undefined when the user is gone). Expiry is createdAt + TTL, computed on read, so a clock
 * advance expires a link at once.
 */
export function linkState(
  link: { id: string; createdAt: number; usedAt: number | null },
  currentLinkId: string | null | undefined,
  now: number,
  ttl: number,
): LinkState {
  if (link.usedAt !== null) return 'used';
  if (currentLinkId !== link.id) return 'superseded';
  if (link.createdAt + ttl <= now) return 'expired';
  return 'live';
}
