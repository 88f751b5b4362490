// Registration steps 3–6 and the onboarding status: Veriff seed, personal details, addresses.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { principalOf } from './auth.js';
import { fail } from './errors.js';
import {
  checkCountry,
  onboardingFor,
  onboardingIdFrom,
  optional,
  validateOnboardingBody,
} from './input.js';
import { isVeriffDownEmail, optionsOf } from './lifecycle.js';
import type { Address, User } from './records.js';
import { assertCanComplete, completeRegistration, openSession } from './transitions.js';
import { onboardingView, profileView } from './views.js';

type C = Context<ProviderEnv>;

const isUsResident = (user: User) => user.countryOfResidence === 'US';

/** usState is kept for US residents only (docs: "null otherwise"), even when a non-US body sends one. */
const addressFrom = (body: Record<string, unknown>, us: boolean): Address => ({
  addressLine1: String(body.addressLine1).trim(),
  addressLine2: optional(body.addressLine2),
  city: String(body.city).trim(),
  zip: String(body.zip).trim(),
  usState: us ? optional(body.usState) : null,
});

/** The onboarding a step names in its body, with its user, for this client and region. */
function step(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const { body, onboardingId } = validateOnboardingBody(c);
  return { kit, region, body, ...onboardingFor(kit, region, onboardingId) };
}

/** Polled for verificationState; answers after completion too, so clients can poll KYC after it. */
function status(c: C) {
  const kit = c.get('kit');
  const id = onboardingIdFrom(c.req.query('onboardingId'));
  const { onboarding, user } = onboardingFor(kit, principalOf(c).region, id, {
    allowCompleted: true,
  });
  return reply(c, onboardingView(kit, onboarding, user));
}

/**
 * The seed. Baanx documents it as unauthenticated: the onboardingId is the credential, and as step 3,
 * "after phone verification is complete" (registrationOrder=any accepts it right after email/verify).
 */
function seed(c: C) {
  const { kit, region, onboarding, user } = step(c);
  if (optionsOf(kit).registrationOrder !== 'any' && !onboarding.phoneVerifiedAt)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: { step: 'Verification', required: 'phone verification' },
    });
  if (isVeriffDownEmail(user.email)) throw fail('INTERNAL_SERVER_ERROR');
  const session = openSession(kit, region, onboarding, user, 'registration');
  return reply(c, { sessionUrl: kit.hostedUrl(session.id) });
}

function personalDetails(c: C) {
  const { kit, body, onboarding, user } = step(c);
  if (!onboarding.phoneVerifiedAt)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: { step: 'Personal details', required: 'phone verification' },
    });
  // The registration guide: "each step must be completed in order", so the KYC step comes first.
  if (optionsOf(kit).registrationOrder === 'guide' && !onboarding.registrationSessionId)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: { step: 'Personal details', required: 'the verification session' },
    });
  const dateOfBirth = String(body.dateOfBirth);
  if (Date.parse(`${dateOfBirth}T00:00:00Z`) >= kit.now())
    throw fail('INVALID_REQUEST', { vars: { issues: '/dateOfBirth must be in the past' } });
  checkCountry('countryOfNationality', String(body.countryOfNationality), false);
  const us = isUsResident(user);
  const ssn = optional(body.ssn);
  if (us && !ssn) throw fail('SSN_REQUIRED');
  user.firstName = String(body.firstName).trim();
  user.lastName = String(body.lastName).trim();
  user.dateOfBirth = dateOfBirth;
  user.countryOfNationality = String(body.countryOfNationality);
  user.ssn = us ? ssn : null;
  onboarding.detailsAt = kit.iso();
  return reply(c, { onboardingId: onboarding.id, user: profileView(kit, user) });
}

/** Completes registration unless a US resident has a separate mailing address (step 6). */
function address(c: C) {
  const { kit, region, body, onboarding, user } = step(c);
  if (!onboarding.detailsAt)
    throw fail('STEP_OUT_OF_ORDER', { vars: { step: 'Address', required: 'personal details' } });
  const us = isUsResident(user);
  if (us && !optional(body.usState)) throw fail('US_STATE_REQUIRED');
  const sameMailing = body.isSameMailingAddress === true;
  if (!sameMailing && !us) throw fail('MAILING_ADDRESS_US_ONLY');
  if (sameMailing) assertCanComplete(kit, region, user);
  const address = addressFrom(body, us);
  user.address = address;
  user.mailingAddress = sameMailing ? address : null;
  onboarding.addressAt = kit.iso();
  onboarding.needsMailingAddress = !sameMailing;
  // Docs: the accessToken comes back only when registration is complete.
  if (!sameMailing) return reply(c, { onboardingId: onboarding.id, user: profileView(kit, user) });
  const accessToken = completeRegistration(kit, region, onboarding, user);
  return reply(c, { accessToken, onboardingId: onboarding.id, user: profileView(kit, user) });
}

function mailingAddress(c: C) {
  const { kit, region, body, onboarding, user } = step(c);
  if (!isUsResident(user)) throw fail('MAILING_ADDRESS_NOT_EXPECTED');
  if (!onboarding.addressAt)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: { step: 'Mailing address', required: 'the physical address' },
    });
  assertCanComplete(kit, region, user);
  user.mailingAddress = addressFrom(body, true);
  const accessToken = completeRegistration(kit, region, onboarding, user);
  return reply(c, { accessToken, onboardingId: onboarding.id, user: profileView(kit, user) });
}

export const onboardingRoutes = () =>
  new Hono<ProviderEnv>()
    .get('/v1/auth/register', status)
    // An Authorization header on the seed is ignored, as documented.
    .post('/v1/auth/register/verification', seed)
    .post('/v1/auth/register/personal-details', personalDetails)
    .post('/v1/auth/register/address', address)
    .post('/v1/auth/register/mailing-address', mailingAddress);
