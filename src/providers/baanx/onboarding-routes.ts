// Registration steps 3–6 and the onboarding status: the seeded Veriff session (no Authorization:
// the onboardingId is the credential), personal details, physical address (which completes
// registration unless a US resident has a separate mailing address) and that mailing address.
import { Hono } from 'hono';
import type { Kit, ProviderEnv } from '../../engine/index.js';
import { clientFor, type Region } from './clients.js';
import { fail } from './errors.js';
import { onboardingBodyFor, onboardingFor, onboardingIdFrom, optional, sameText } from './input.js';
import { isSuspendedEmail, isVeriffDownEmail } from './lifecycle.js';
import { coll, type Address, type Onboarding, type User } from './records.js';
import { issueToken } from './tokens.js';
import { openSession } from './verification.js';
import { onboardingView, profileView } from './views.js';

const isUsResident = (user: User) => user.countryOfResidence === 'US';

/** usState is kept for US residents only (docs: "null otherwise"), even when a non-US body sends one. */
const addressFrom = (body: Record<string, unknown>, us: boolean): Address => ({
  addressLine1: String(body.addressLine1).trim(),
  addressLine2: optional(body.addressLine2),
  city: String(body.city).trim(),
  zip: String(body.zip).trim(),
  usState: us ? optional(body.usState) : null,
});

/** Checked before the last step stores anything: one registered account per email and region. */
function assertCanComplete(kit: Kit, region: Region, user: User) {
  const other = kit.ns.find<User>(
    coll('users', region),
    (u) => u.id !== user.id && u.registeredAt !== null && sameText(u.email, user.email),
  );
  if (other) throw fail('EMAIL_ALREADY_REGISTERED');
}

function complete(kit: Kit, region: Region, onboarding: Onboarding, user: User): string {
  const at = kit.iso();
  onboarding.completedAt = at;
  user.registeredAt = at;
  if (isSuspendedEmail(user.email)) user.disabled = true;
  return issueToken(kit, region, user);
}

export function onboardingRoutes() {
  return (
    new Hono<ProviderEnv>()
      .get('/v1/auth/register', (c) => {
        const { kit, region } = clientFor(c);
        const { onboarding, user } = onboardingFor(
          kit,
          region,
          onboardingIdFrom(c.req.query('onboardingId')),
          { allowCompleted: true },
        );
        return c.json(onboardingView(kit, onboarding, user));
      })
      // The seed. Baanx documents this call as unauthenticated: an Authorization header is ignored.
      .post('/v1/auth/register/verification', (c) => {
        const { kit, region } = clientFor(c);
        const { onboardingId } = onboardingBodyFor(c, 'registerVerification');
        const { onboarding, user } = onboardingFor(kit, region, onboardingId);
        if (isVeriffDownEmail(user.email)) throw fail('INTERNAL_SERVER_ERROR');
        const session = openSession(kit, region, onboarding, user, 'registration');
        return c.json({ sessionUrl: kit.hostedUrl(session.id) });
      })
      .post('/v1/auth/register/personal-details', (c) => {
        const { kit, region } = clientFor(c);
        const { body, onboardingId } = onboardingBodyFor(c, 'registerPersonalDetails');
        const { onboarding, user } = onboardingFor(kit, region, onboardingId);
        if (!onboarding.phoneVerifiedAt)
          throw fail('STEP_OUT_OF_ORDER', {
            vars: { step: 'Personal details', required: 'phone verification' },
          });
        const dateOfBirth = String(body.dateOfBirth);
        if (Date.parse(`${dateOfBirth}T00:00:00Z`) >= kit.now())
          throw fail('INVALID_REQUEST', { vars: { issues: '/dateOfBirth must be in the past' } });
        const us = isUsResident(user);
        const ssn = optional(body.ssn);
        if (us && !ssn) throw fail('SSN_REQUIRED');
        user.firstName = String(body.firstName).trim();
        user.lastName = String(body.lastName).trim();
        user.dateOfBirth = dateOfBirth;
        user.countryOfNationality = String(body.countryOfNationality);
        user.ssn = us ? ssn : null;
        onboarding.detailsAt = kit.iso();
        return c.json({ onboardingId: onboarding.id, user: profileView(kit, user) });
      })
      .post('/v1/auth/register/address', (c) => {
        const { kit, region } = clientFor(c);
        const { body, onboardingId } = onboardingBodyFor(c, 'registerAddress');
        const { onboarding, user } = onboardingFor(kit, region, onboardingId);
        if (!onboarding.detailsAt)
          throw fail('STEP_OUT_OF_ORDER', {
            vars: { step: 'Address', required: 'personal details' },
          });
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
        if (!sameMailing)
          return c.json({ onboardingId: onboarding.id, user: profileView(kit, user) });
        const accessToken = complete(kit, region, onboarding, user);
        return c.json({ accessToken, onboardingId: onboarding.id, user: profileView(kit, user) });
      })
      .post('/v1/auth/register/mailing-address', (c) => {
        const { kit, region } = clientFor(c);
        const { body, onboardingId } = onboardingBodyFor(c, 'registerMailingAddress');
        const { onboarding, user } = onboardingFor(kit, region, onboardingId);
        if (!isUsResident(user)) throw fail('MAILING_ADDRESS_NOT_EXPECTED');
        if (!onboarding.addressAt)
          throw fail('STEP_OUT_OF_ORDER', {
            vars: { step: 'Mailing address', required: 'the physical address' },
          });
        assertCanComplete(kit, region, user);
        user.mailingAddress = addressFrom(body, true);
        const accessToken = complete(kit, region, onboarding, user);
        return c.json({ accessToken, onboardingId: onboarding.id, user: profileView(kit, user) });
      })
  );
}
