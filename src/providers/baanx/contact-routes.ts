// Registration steps 1–2: the email code (which creates the account and the onboarding) and the
// SMS code, both sent against one contactVerificationId. The sandbox sends nothing: the codes are
// the fixed values in fixtures/baanx/codes.json, shown by the provider's admin routes.
import { Hono } from 'hono';
import { parseDuration, readFixture, type Kit, type ProviderEnv } from '../../engine/index.js';
import { clientFor, type Region } from './clients.js';
import { fail } from './errors.js';
import { bodyFor, contactFor, onboardingBodyFor, onboardingFor, sameText } from './input.js';
import { coll, newId, type Contact, type Onboarding, type User } from './records.js';
import { hashPassword } from './tokens.js';
import { profileView } from './views.js';

export const CODES = readFixture<{ email: string; sms: string }>('baanx', 'codes.json');

const codeTtl = (kit: Kit) => parseDuration(kit.options.codeTtl) ?? 0;

function startRegistration(
  kit: Kit,
  region: Region,
  contact: Contact,
  body: Record<string, unknown>,
): { onboarding: Onboarding; user: User } {
  const now = kit.now();
  const user: User = {
    id: kit.ids.uuid('user'),
    region,
    onboardingId: '',
    email: contact.email,
    passwordHash: hashPassword(String(body.password)),
    countryOfResidence: String(body.countryOfResidence),
    allowMarketing: body.allowMarketing === true,
    allowSms: body.allowSms === true,
    phoneCountryCode: null,
    phoneNumber: null,
    firstName: null,
    lastName: null,
    dateOfBirth: null,
    countryOfNationality: null,
    ssn: null,
    address: null,
    mailingAddress: null,
    verificationState: 'UNVERIFIED',
    verificationUpdatedAt: kit.iso(now),
    rejectionReason: null,
    pendingDecision: null,
    currentSessionId: null,
    disabled: false,
    createdAt: kit.iso(now),
    registeredAt: null,
  };
  const onboarding: Onboarding = {
    id: newId(kit, 'onboarding', region),
    region,
    userId: user.id,
    contactVerificationId: contact.id,
    createdAt: kit.iso(now),
    expiresAt: kit.iso(now + (parseDuration(kit.options.onboardingTtl) ?? 0)),
    phoneVerifiedAt: null,
    detailsAt: null,
    addressAt: null,
    needsMailingAddress: false,
    completedAt: null,
    registrationSessionId: null,
  };
  user.onboardingId = onboarding.id;
  kit.ns.put(coll('users', region), user.id, user);
  kit.ns.put(coll('onboardings', region), onboarding.id, onboarding);
  contact.emailVerifiedAt = kit.iso(now);
  contact.onboardingId = onboarding.id;
  return { onboarding, user };
}

/** The live, incomplete onboarding this contact already created (a retried email/verify), if any. */
function earlierOnboarding(kit: Kit, region: Region, contact: Contact) {
  if (!contact.onboardingId) return undefined;
  const ob = kit.ns.get<Onboarding>(coll('onboardings', region), contact.onboardingId);
  if (!ob || ob.completedAt || Date.parse(ob.expiresAt) <= kit.now()) return undefined;
  const user = kit.ns.get<User>(coll('users', region), ob.userId);
  return user ? { onboarding: ob, user } : undefined;
}

export function contactRoutes() {
  return new Hono<ProviderEnv>()
    .post('/v1/auth/register/email/send', (c) => {
      const { kit, region } = clientFor(c);
      const body = bodyFor(c, 'registerEmailSend');
      const contact: Contact = {
        id: newId(kit, 'contact', region),
        region,
        email: String(body.email).trim(),
        emailCode: CODES.email,
        emailCodeExpiresAt: kit.iso(kit.now() + codeTtl(kit)),
        emailVerifiedAt: null,
        onboardingId: null,
        phone: null,
      };
      kit.ns.put(coll('contacts', region), contact.id, contact);
      return c.json({ contactVerificationId: contact.id });
    })
    .post('/v1/auth/register/email/verify', (c) => {
      const { kit, region } = clientFor(c);
      const body = bodyFor(c, 'registerEmailVerify');
      const contact = contactFor(kit, region, body.contactVerificationId);
      if (!sameText(contact.email, String(body.email))) throw fail('EMAIL_MISMATCH');
      if (body.verificationCode !== contact.emailCode) throw fail('INVALID_VERIFICATION_CODE');
      // A retried verify returns the onboarding it already created instead of a second account.
      const earlier = earlierOnboarding(kit, region, contact);
      if (earlier)
        return c.json({
          hasAccount: false,
          onboardingId: earlier.onboarding.id,
          user: profileView(kit, earlier.user),
        });
      if (Date.parse(contact.emailCodeExpiresAt) <= kit.now())
        throw fail('VERIFICATION_CODE_EXPIRED');
      const registered = kit.ns.find<User>(
        coll('users', region),
        (u) => u.registeredAt !== null && sameText(u.email, contact.email),
      );
      if (registered) return c.json({ hasAccount: true, onboardingId: null, user: null });
      const { onboarding, user } = startRegistration(kit, region, contact, body);
      return c.json({
        hasAccount: false,
        onboardingId: onboarding.id,
        user: profileView(kit, user),
      });
    })
    .post('/v1/auth/register/phone/send', (c) => {
      const { kit, region } = clientFor(c);
      const body = bodyFor(c, 'registerPhoneSend');
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
        expiresAt: kit.iso(now + codeTtl(kit)),
      };
      return c.json({ success: true });
    })
    .post('/v1/auth/register/phone/verify', (c) => {
      const { kit, region } = clientFor(c);
      const { body, onboardingId } = onboardingBodyFor(c, 'registerPhoneVerify');
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
      return c.json({ onboardingId: onboarding.id, user: profileView(kit, user) });
    });
}
