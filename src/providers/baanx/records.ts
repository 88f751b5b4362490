// What the Baanx emulation stores, and where. Each region has its own collections ("users:us",
// "users:intl"), so a US id looked up without x-us-env is simply unknown. Only the Veriff sessions
// share one collection, because the admin API and the hosted page find sessions there.
import type { Kit } from '../../engine/index.js';
import type { Region } from './clients.js';
import type { VerificationState } from './lifecycle.js';

export const SESSIONS = 'sessions';
export const coll = (name: 'contacts' | 'onboardings' | 'users' | 'tokens', region: Region) =>
  `${name}:${region}`;

/** Baanx's ids: a UUID, prefixed US_ in the US region (docs: "US_100a99cf-…"). */
export const newId = (kit: Kit, kind: string, region: Region) =>
  `${region === 'us' ? 'US_' : ''}${kit.ids.uuid(kind)}`;

const ID = /^(US_)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A well-formed Baanx id (optional US_ prefix, any-case hex) in its stored form, or null. */
export function normaliseId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = ID.exec(value.trim());
  return m ? `${m[1] ? 'US_' : ''}${m[2].toLowerCase()}` : null;
}

/** Step 1: the email code, then the SMS code, sent against one contactVerificationId. */
export interface Contact extends Record<string, unknown> {
  id: string;
  region: Region;
  email: string;
  emailCode: string;
  emailCodeExpiresAt: string;
  emailVerifiedAt: string | null;
  onboardingId: string | null;
  phone: {
    countryCode: string;
    number: string;
    code: string;
    sentAt: string;
    expiresAt: string;
  } | null;
}

/** The registration session keyed by onboardingId; the person's data lives on the user. */
export interface Onboarding extends Record<string, unknown> {
  id: string;
  region: Region;
  userId: string;
  contactVerificationId: string;
  createdAt: string;
  expiresAt: string;
  phoneVerifiedAt: string | null;
  detailsAt: string | null;
  addressAt: string | null;
  needsMailingAddress: boolean;
  completedAt: string | null;
  registrationSessionId: string | null;
}

export interface Address {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  zip: string;
  usState: string | null;
}

/** The account "created" by email/verify (docs); it can log in once registration completes. */
export interface User extends Record<string, unknown> {
  id: string;
  region: Region;
  onboardingId: string;
  email: string;
  passwordHash: string;
  countryOfResidence: string;
  allowMarketing: boolean;
  allowSms: boolean;
  phoneCountryCode: string | null;
  phoneNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  countryOfNationality: string | null;
  ssn: string | null;
  address: Address | null;
  mailingAddress: Address | null;
  verificationState: VerificationState;
  verificationUpdatedAt: string;
  rejectionReason: string | null;
  /** An automatic decision due at `at` (applied lazily when the state is next read). */
  pendingDecision: { at: string; sessionId: string } | null;
  currentSessionId: string | null;
  disabled: boolean;
  createdAt: string;
  registeredAt: string | null;
}

/** A Veriff-like session: the registration one (7 days, reusable) or a post-registration one (24 h, single use). */
export interface VeriffSession extends Record<string, unknown> {
  id: string;
  region: Region;
  kind: 'registration' | 'post-registration';
  userId: string;
  onboardingId: string;
  createdAt: string;
  expiresAt: string;
  submittedAt: string | null;
}

export interface AccessToken extends Record<string, unknown> {
  id: string;
  userId: string;
  issuedAt: string;
  expiresAt: string;
}
