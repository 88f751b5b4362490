// Capa's verification lifecycle (KYB status vocabulary, reused for KYC as the docs suggest) and
// the link rules: a link expires after a TTL, is used once the person submits, and a newer link
// supersedes an older one. Pure functions of (record, now).
import { defineLifecycle, parseDuration, type Kit } from '../../engine/index.js';

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

export interface Verification {
  status: CapaStatus;
  linkId: string | null;
  country: string | null;
  reason: string | null;
  /** Epoch milliseconds on the tenant's clock, as every timestamp in Capa's records. */
  submittedAt: number | null;
  decidedAt: number | null;
}

export interface CapaUser extends Record<string, unknown> {
  userId: string;
  type: 'INDIVIDUAL' | 'BUSINESS';
  email: string;
  externalUserId: string | null;
  alias: string | null;
  kyc: Verification;
  kyb: Verification;
}

export interface CapaLink extends Record<string, unknown> {
  id: string;
  userId: string;
  kind: VerificationKind;
  country: string;
  redirectUri: string | null;
  /** Expiry is createdAt + the linkTtl option, computed on read, so a clock advance expires it at once. */
  createdAt: number;
  usedAt: number | null;
}

export const linkTtl = (kit: Kit) => parseDuration(kit.options.linkTtl)!;

export const newVerification = (): Verification => ({
  status: 'NOT_STARTED',
  linkId: null,
  country: null,
  reason: null,
  submittedAt: null,
  decidedAt: null,
});
/** The verification a user's type can never start (KYB of an INDIVIDUAL, KYC of a BUSINESS): one shared record. */
export const NEVER_STARTED: Verification = Object.freeze(newVerification());

/** The kind of verification a user type may ask for: INDIVIDUAL → KYC, BUSINESS → KYB. */
export const kindFor = (type: CapaUser['type']): VerificationKind =>
  type === 'BUSINESS' ? 'kyb' : 'kyc';

/** A new link may be generated before a submission, and again after a rejection. */
export const canGenerateLink = (status: CapaStatus) =>
  status === 'NOT_STARTED' || status === 'IN_PROGRESS' || status === 'REJECTED';

export function linkState(
  link: CapaLink,
  user: CapaUser | undefined,
  now: number,
  ttl: number,
): 'live' | 'expired' | 'used' | 'superseded' {
  if (link.usedAt !== null) return 'used';
  if (!user || user[link.kind].linkId !== link.id) return 'superseded';
  if (link.createdAt + ttl <= now) return 'expired';
  return 'live';
}
