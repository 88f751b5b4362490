// Kulipa's state rules, pure functions of (record, now): options, user and KYC machines, starts.
import {
  defineLifecycle,
  type Kit,
  type OptionSpec,
  type OptionValues,
} from '../../engine/index.js';
import { fail, invalid } from './errors.js';

/** TTLs, the rate limit, and the variants picked where Kulipa's pages conflict (README "Options"). */
export const kulipaOptions = {
  rateLimit: {
    default: '300',
    type: 'int',
    description:
      'requests per minute per API key (the third-party SDK assumes 300; Kulipa documents no number)',
  },
  kycTtl: {
    default: '24h',
    type: 'duration',
    description:
      'how long a KYC webview stays open before the KYC reads as expired (undocumented upstream)',
  },
  lightKyc: {
    default: 'refuse',
    choices: ['refuse', 'allow'],
    description:
      'older docs list a light KYC type (not for EU/UK residents); the current enum does not',
  },
  initiateMethods: {
    default: 'put-and-post',
    choices: ['put-and-post', 'put'],
    description: 'Initiate KYC: the guide shows PUT /v1/kycs, the reference page hides the method',
  },
  webhookBody: {
    default: 'event',
    choices: ['event', 'envelope'],
    description:
      'webhook body: {eventId, eventName, eventTargetId, userId} (webhook-events page) or {id, type, data, createdAt, updatedAt} (incomingwebhookevent page)',
  },
} as const satisfies Record<string, OptionSpec>;

/** The options as parsed at boot (kycTtl in ms, rateLimit a number). */
export const optionsOf = (kit: Kit) => kit.options as OptionValues<typeof kulipaOptions>;

// SDK enum: unverified, active, frozen, disabled, deleted. Only KYC (→ active) and operators move it.
export const userLifecycle = defineLifecycle({
  states: ['unverified', 'active', 'frozen', 'disabled', 'deleted'] as const,
  initial: 'unverified',
  transitions: {
    unverified: ['active', 'frozen', 'disabled', 'deleted'],
    active: ['frozen', 'disabled', 'deleted'],
    frozen: ['unverified', 'active', 'disabled', 'deleted'],
    disabled: ['deleted'],
  },
});

export type UserStatus = (typeof userLifecycle.states)[number];

// Kulipa documents no KYC status names; the sandbox uses pending → submitted → verified | declined,
// and expired, read from expiresAt so that moving the clock expires a webview at once.
export const kycLifecycle = defineLifecycle({
  states: ['pending', 'submitted', 'verified', 'declined', 'expired'] as const,
  initial: 'pending',
  transitions: {
    pending: ['submitted', 'verified', 'declined', 'expired'],
    submitted: ['verified', 'declined'],
  },
});

export type KycStatus = (typeof kycLifecycle.states)[number];
/** The documented type enum; light (older docs) is accepted only with lightKyc=allow. */
export const KYC_TYPES = ['full', 'shipping', 'rfi', 'import'] as const;
export type KycType = 'full' | 'shipping' | 'rfi' | 'light';

/** What these rules read of a KYC (records.ts's Kyc, without importing it). */
interface KycState {
  userId: string;
  type: KycType;
  status: KycStatus;
  expiresAt: string;
}

/** The stored status, except that a pending KYC past its expiry reads as expired. */
export const statusOf = (kyc: KycState, now: number): KycStatus =>
  kyc.status === 'pending' && now >= Date.parse(kyc.expiresAt) ? 'expired' : kyc.status;

/** Identity KYCs (full, light) make the user active; a shipping form can only be filled in. */
export const isIdentity = (type: KycType) => type === 'full' || type === 'light';

/** The moves allowed now; a shipping form is filled in, not judged, so it cannot be declined. */
export function nextFor(kyc: KycState, now: number): readonly KycStatus[] {
  const next = kycLifecycle.next(statusOf(kyc, now));
  return kyc.type === 'shipping' ? next.filter((s) => s === 'verified' || s === 'expired') : next;
}

/** The user's latest verified identity KYC, the one an export reports. */
export const lastVerifiedIdentity = <K extends KycState>(kycs: readonly K[], userId: string) =>
  kycs.filter((k) => k.userId === userId && isIdentity(k.type) && k.status === 'verified').at(-1);

// Magic email domains: a user that starts frozen or disabled, for tests that cannot call the admin API.
const MAGIC_STATUS: Record<string, UserStatus> = {
  '@frozen.kulipa.test': 'frozen',
  '@disabled.kulipa.test': 'disabled',
};

/** A new user's status: unverified, unless the email has a magic domain. */
export const initialUserStatus = (email: string): UserStatus =>
  Object.entries(MAGIC_STATUS).find(([domain]) => email.toLowerCase().endsWith(domain))?.[1] ??
  userLifecycle.initial;

// Older docs: light is "not available for EU + UK users" (EU 27 + GB).
const EU_UK = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB',
]); // prettier-ignore
const BLOCKED: readonly UserStatus[] = ['frozen', 'disabled', 'deleted'];

/** Who may start which KYC, checked after the body: throws Kulipa's 400 for a refused start. */
export function checkInitiation(
  user: { status: UserStatus; countryOfResidence: string },
  type: KycType,
) {
  if (BLOCKED.includes(user.status))
    throw fail('INVALID_USER_STATUS', { vars: { status: user.status } });
  if (type === 'light' && EU_UK.has(user.countryOfResidence))
    throw invalid('KYC_LIGHT_NOT_IN_REGION', ['type']);
  if (isIdentity(type) && user.status === 'active') throw fail('USER_ALREADY_VERIFIED');
  if (type === 'rfi' && user.status !== 'active') throw fail('RFI_NEEDS_ACTIVE_USER');
}
