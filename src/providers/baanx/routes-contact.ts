// Registration steps 1–2: the email code (creating account and onboarding), then the SMS code.
import { Hono, type Context } from 'hono';
import { readFixture, reply, type ProviderEnv } from '../../engine/index.js';
import { principalOf } from './auth.js';
import { fail } from './errors.js';
import {
  checkCountry,
  contactFor,
  onboardingFor,
  validateBody,
  validateOnboardingBody,
} from './input.js';
import { optionsOf } from './lifecycle.js';
import { newId, putContact, registeredUser, sameText, type Contact } from './records.js';
import { earlierOnboarding, startRegistration } from './transitions.js';
import { profileView } from './views.js';

// Both codes are sent against one contactVerificationId. The sandbox sends nothing: the codes are
// the fixed values in fixtures/baanx/codes.json, shown by the provider's admin routes.
const CODES = readFixture<{ email: string; sms: string }>('baanx', 'codes.json');

type C = Context<ProviderEnv>;

function emailSend(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  const contact: Contact = {
    id: newId(kit, 'contact', region),
    region,
    email: String(body.email).trim(),
    emailCode: CODES.email,
    emailCodeExpiresAt: kit.iso(kit.now() + optionsOf(kit).codeTtl),
    emailVerifiedAt: null,
    onboardingId: null,
    phone: null,
  };
  putContact(kit, contact);
  return reply(c, { contactVerificationId: contact.id });
}

function emailVerify(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  checkCountry('countryOfResidence', String(body.countryOfResidence), true);
  const contact = contactFor(kit, region, body.contactVerificationId);
  if (!sameText(contact.email, String(body.email))) throw fail('EMAIL_MISMATCH');
  if (body.verificationCode !== contact.emailCode) throw fail('INVALID_VERIFICATION_CODE');
  // A retried verify returns the onboarding it already created instead of a second account.
  const earlier = earlierOnboarding(kit, region, contact);
  if (earlier)
    return reply(c, {
      hasAccount: false,
      onboardingId: earlier.onboarding.id,
      user: profileView(kit, earlier.user),
    });
  if (Date.parse(contact.emailCodeExpiresAt) <= kit.now()) throw fail('VERIFICATION_CODE_EXPIRED');
  if (registeredUser(kit, region, contact.email))
    return reply(c, { hasAccount: true, onboardingId: null, user: null });
  const { onboarding, user } = startRegistration(kit, region, contact, body);
  return reply(c, { hasAccount: false, onboardingId: onboarding.id, user: profileView(kit, user) });
}

function phoneSend(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  const contact = contactFor(kit, region, body.contactVerificationId);
  if (!contact.emailVerifiedAt)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: { step: 'Phone verification', required: 'email verification' },
    });
  const now = kit.now();
  contact.phone = {
    countryCode: String(body.phoneCountryCode),
    number: String(body.phoneNumber),
    code: CODES.sms,
    sentAt: kit.iso(now),
    expiresAt: kit.iso(now + optionsOf(kit).codeTtl),
  };
  return reply(c, { success: true });
}

function phoneVerify(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const { body, onboardingId } = validateOnboardingBody(c);
  const { onboarding, user } = onboardingFor(kit, region, onboardingId);
  const contact = contactFor(kit, region, body.contactVerificationId);
  if (contact.onboardingId !== onboarding.id) throw fail('CONTACT_MISMATCH');
  const phone = contact.phone;
  if (!phone)
    throw fail('STEP_OUT_OF_ORDER', {
      vars: {
        step: 'Phone verification',
        required: 'an SMS code from /v1/auth/register/phone/send',
      },
    });
  if (phone.countryCode !== body.phoneCountryCode || phone.number !== body.phoneNumber)
    throw fail('PHONE_MISMATCH');
  if (body.verificationCode !== phone.code) throw fail('INVALID_VERIFICATION_CODE');
  if (Date.parse(phone.expiresAt) <= kit.now()) throw fail('VERIFICATION_CODE_EXPIRED');
  user.phoneCountryCode = phone.countryCode;
  user.phoneNumber = phone.number;
  onboarding.phoneVerifiedAt ??= kit.iso();
  return reply(c, { onboardingId: onboarding.id, user: profileView(kit, user) });
}

export const contactRoutes = () =>
  new Hono<ProviderEnv>()
    .post('/v1/auth/register/email/send', emailSend)
    .post('/v1/auth/register/email/verify', emailVerify)
    .post('/v1/auth/register/phone/send', phoneSend)
    .post('/v1/auth/register/phone/verify', phoneVerify);
