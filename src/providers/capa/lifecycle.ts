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

/** Variants where Capa's sources disagree, and what they leave out (the link TTL, the upload's outcome). */
export const capaOptions = {
  envelope: {
    default: 'documented',
    choices: ['documented', 'success', 'status-ok', 'prose'],
    description:
      'success envelope: as each page\'s schema shows it ({success,data} on users/links/agreements/webhook settings, {status:"ok",data} on details and the direct link), one style everywhere, or "prose": the KYC link and KYC details unwrapped as the pages\' prose examples show them',
  },
  countries: {
    default: 'documented',
    choices: ['documented', 'spec'],
    description:
      "countries a link or a KYC upload may name: the 39 of the reference pages, or MX and DO only as Capa's published OpenAPI (partner_api_v2.json) has them",
  },
  uploadFormat: {
    default: 'either',
    choices: ['either', 'multipart', 'json'],
    description:
      'body of POST /kyc/send-verification: multipart/form-data with frontId, backId and selfie files (the reference page) or JSON without files (the published OpenAPI and the official SDK); either by default',
  },
  uploadOutcome: {
    default: 'none',
    choices: ['none', 'VERIFIED', 'REJECTED', 'REVIEW_NEEDED'],
    description:
      'what follows a KYC upload: "none" leaves it submitted (IN_PROGRESS) until an operator decides, as Capa decides later and says so by webhook; or that decision at once',
  },
  linkStatus: {
    default: '201',
    choices: ['201', '200'],
    description:
      'HTTP status of a created verification link (the published OpenAPI says 201; the reference page states none)',
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

/**
 * A new link (or upload) may start before a submission, and again after a rejection; not while a
 * submitted KYC (an upload: IN_PROGRESS with its session used) waits for Capa's decision.
 */
export const canGenerateLink = (status: CapaStatus, submitted: boolean) =>
  status === 'NOT_STARTED' || status === 'REJECTED' || (status === 'IN_PROGRESS' && !submitted);

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
