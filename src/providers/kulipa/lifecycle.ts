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
  fullFollowupKyc: {
    default: 'refuse',
    choices: ['refuse', 'allow'],
    description:
      'an older docs revision lists a full-followup KYC type (a second KYC provider); the current enum does not',
  },
  webhookBody: {
    default: 'event',
    choices: ['event', 'envelope'],
    description:
      'webhook body: {eventId, eventName, eventTargetId, userId} (webhook-events page) or {id, type, data, createdAt, updatedAt} (incomingwebhookevent page)',
  },
  signatureEncoding: {
    default: 'der',
    choices: ['der', 'p1363'],
    description:
      'x-kulipa-signature: DER hex (what the third-party SDK verifies) or the 64-byte r||s form as hex (the docs say "length 64")',
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
// and expired, read from expiresAt so that moving the clock expires a webview at once. A light KYC
// may also end in full_required: "a light KYC cannot be completed and a full one is required".
export const kycLifecycle = defineLifecycle({
  states: ['pending', 'submitted', 'verified', 'declined', 'expired', 'full_required'] as const,
  initial: 'pending',
  transitions: {
    pending: ['submitted', 'verified', 'declined', 'expired', 'full_required'],
    submitted: ['verified', 'declined', 'full_required'],
  },
});

export type KycStatus = (typeof kycLifecycle.states)[number];
/** The documented type enum; light and full-followup (older docs) only with their options. */
export const KYC_TYPES = ['full', 'shipping', 'rfi', 'import'] as const;
export type KycType = 'full' | 'shipping' | 'rfi' | 'light' | 'full-followup';

/**
 * What an rfi KYC may ask for. The docs give one example ("a Proof of address"); the other names are
 * the sandbox's, for an operator's information request (admin.ts).
 */
export const RFI_ITEMS = {
  proof_of_address: 'Proof of address',
  proof_of_identity: 'Proof of identity',
  source_of_funds: 'Source of funds',
  source_of_wealth: 'Source of wealth',
  occupation: 'Occupation',
} as const;
export type RfiItem = keyof typeof RFI_ITEMS;
/** What an rfi asks for when no operator said otherwise: the docs' own example. */
export const DEFAULT_RFI: readonly RfiItem[] = ['proof_of_address'];

/** What these rules read of a KYC (records.ts's Kyc, without importing it). */
interface KycState {
  userId: string;
  type: KycType;
  status: KycStatus;
  expiresAt: string;
  completedAt: string | null;
}

/** The stored status, except that a pending KYC past its expiry reads as expired. */
export const statusOf = (kyc: KycState, now: number): KycStatus =>
  kyc.status === 'pending' && now >= Date.parse(kyc.expiresAt) ? 'expired' : kyc.status;

/** Identity KYCs (full, full-followup, light) make the user active; shipping and rfi do not. */
export const isIdentity = (type: KycType) =>
  type === 'full' || type === 'full-followup' || type === 'light';

/** A document scan: what the export calls "a verified full KYC" (a light KYC scans no document). */
export const isFull = (type: KycType) => type === 'full' || type === 'full-followup';

/**
 * The moves allowed now: a shipping form is filled in, not judged (verified or expired only), and
 * only a light KYC can end in full_required.
 */
export function nextFor(kyc: KycState, now: number): readonly KycStatus[] {
  const next = kycLifecycle.next(statusOf(kyc, now));
  if (kyc.type === 'shipping') return next.filter((s) => s === 'verified' || s === 'expired');
  return kyc.type === 'light' ? next : next.filter((s) => s !== 'full_required');
}

/**
 * The KYC an export reports: docs, "If multiple verified KYCs exist, the most recently verified one
 * is used" (of the user's verified full KYCs).
 */
export const lastVerifiedFull = <K extends KycState>(kycs: readonly K[], userId: string) =>
  kycs
    .filter((k) => k.userId === userId && isFull(k.type) && k.status === 'verified')
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''))
    .at(-1);

/** Whether the user has undergone KYC: a verified identity KYC on record. */
export const hasUndergoneKyc = (kycs: readonly KycState[], userId: string) =>
  kycs.some((k) => k.userId === userId && isIdentity(k.type) && k.status === 'verified');

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

/** An identity KYC's own refusals: one full KYC per user; light once, and never after full_required. */
function checkIdentity(user: { status: UserStatus }, type: KycType, kycs: readonly KycState[]) {
  if (kycs.some((k) => isFull(k.type) && k.status === 'verified'))
    throw fail('USER_ALREADY_VERIFIED');
  if (type !== 'light') return; // a full KYC for an active (light) user is the upgrade
  if (user.status === 'active') throw fail('LIGHT_ALREADY_VERIFIED');
  if (kycs.some((k) => k.type === 'light' && k.status === 'full_required'))
    throw fail('FULL_KYC_REQUIRED');
}

/**
 * Who may start which KYC, checked after the body, given the user's KYCs: throws Kulipa's 400 for a
 * refused start.
 */
export function checkInitiation(
  user: { status: UserStatus; countryOfResidence: string },
  type: KycType,
  kycs: readonly KycState[],
) {
  if (BLOCKED.includes(user.status))
    throw fail('INVALID_USER_STATUS', { vars: { status: user.status } });
  if (type === 'light' && EU_UK.has(user.countryOfResidence))
    throw invalid('KYC_LIGHT_NOT_IN_REGION', ['type']);
  if (isIdentity(type)) checkIdentity(user, type, kycs);
  if (type === 'rfi' && user.status !== 'active') throw fail('RFI_NEEDS_ACTIVE_USER');
}

// Users Kulipa no longer serves: their details cannot change (frozen is a pause, not an end).
const CLOSED: readonly UserStatus[] = ['disabled', 'deleted'];

/** The user update endpoints' status rule: a disabled or deleted user cannot be changed. */
export function checkUpdatable(user: { status: UserStatus }) {
  if (CLOSED.includes(user.status))
    throw fail('USER_NOT_UPDATABLE', { vars: { status: user.status } });
}
