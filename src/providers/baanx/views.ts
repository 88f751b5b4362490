// The bodies Baanx documents: the onboarding record, the user profile and the login answer.
import type { Kit } from '../../engine/index.js';
import type { Onboarding, User } from './records.js';
import { stateOf } from './transitions.js';

/** GET /v1/auth/register: the onboarding record Baanx's docs poll for verificationState. */
export function onboardingView(kit: Kit, onboarding: Onboarding, user: User) {
  return {
    id: onboarding.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phoneNumber: user.phoneNumber,
    verificationState: stateOf(kit, user),
    addressLine1: user.address?.addressLine1 ?? null,
    city: user.address?.city ?? null,
    countryOfResidence: user.countryOfResidence,
  };
}

/**
 * GET /v1/user's fields, also the `user` object of the registration steps (undocumented upstream);
 * null where a step has not been submitted yet.
 */
export function profileView(kit: Kit, user: User) {
  const a = user.address;
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    dateOfBirth: user.dateOfBirth,
    email: user.email,
    verificationState: stateOf(kit, user),
    phoneNumber: user.phoneNumber,
    phoneCountryCode: user.phoneCountryCode,
    addressLine1: a?.addressLine1 ?? null,
    addressLine2: a?.addressLine2 ?? null,
    city: a?.city ?? null,
    zip: a?.zip ?? null,
    countryOfResidence: user.countryOfResidence,
    countryOfNationality: user.countryOfNationality,
    usState: a?.usState ?? null,
    ssn: user.ssn,
    createdAt: user.createdAt,
  };
}

/** "+445*****225": the calling code's first digit and the last three shown (docs' example). */
export function maskedPhone(user: User): string | null {
  if (!user.phoneCountryCode || !user.phoneNumber) return null;
  const full = `${user.phoneCountryCode}${user.phoneNumber}`;
  return `${full.slice(0, 4)}${'*'.repeat(Math.max(full.length - 7, 1))}${full.slice(-3)}`;
}

/**
 * POST /v1/auth/login. `phase` names the step an unfinished registration stopped at (null once
 * registered); the masked phoneNumber comes only with isOtpRequired, as documented.
 */
export function loginView(
  kit: Kit,
  user: User,
  accessToken: string,
  phase: string | null,
  userId: string,
  isOtpRequired: boolean,
) {
  return {
    accessToken,
    userId,
    isOtpRequired,
    phoneNumber: isOtpRequired ? maskedPhone(user) : null,
    phase,
    verificationState: stateOf(kit, user),
    isLinked: false,
  };
}
