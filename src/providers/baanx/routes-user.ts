// Login (with its phase and OTP), registration settings, profile, re-verification sessions.
import { Hono, type Context } from 'hono';
import { readFixture, reply, type ProviderEnv } from '../../engine/index.js';
import { hashPassword, issueToken, principalOf, userOf } from './auth.js';
import { fail } from './errors.js';
import { validateBody } from './input.js';
import { isVeriffDownEmail, optionsOf, phaseOf } from './lifecycle.js';
import { accountFor, getOnboarding, getUser, normaliseId, type User } from './records.js';
import { settingsView } from './settings.js';
import { openSession } from './transitions.js';
import { loginView, profileView } from './views.js';

type C = Context<ProviderEnv>;

// The login OTP is "sent" by SMS; the sandbox sends nothing and expects the fixed SMS code.
const CODES = readFixture<{ email: string; sms: string }>('baanx', 'codes.json');

/**
 * A registered user with OTP enabled gets isOtpRequired and a token that is not valid for API calls
 * (docs) until the login is repeated with the code /v1/auth/login/otp sent. Returns whether the
 * answer still asks for the code.
 */
function otpPending(c: C, user: User, otpCode: unknown): boolean {
  if (!user.otpEnabled || !user.registeredAt) return false;
  if (typeof otpCode !== 'string' || otpCode === '') return true;
  const challenge = user.otpChallenge;
  if (!challenge || challenge.code !== otpCode) throw fail('INVALID_OTP_CODE');
  if (Date.parse(challenge.expiresAt) <= c.get('kit').now()) throw fail('OTP_CODE_EXPIRED');
  user.otpChallenge = null;
  return false;
}

/**
 * Email and password → a fresh 6-hour token (the sandbox's refresh). An unfinished registration
 * answers 200 with the phase it stopped at (what MetaMask and Ledger are written around), or 401
 * with incompleteLogin=401.
 */
function login(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  const user = accountFor(kit, region, String(body.email));
  if (!user || user.passwordHash !== hashPassword(String(body.password)))
    throw fail('INVALID_CREDENTIALS');
  const options = optionsOf(kit);
  const onboarding = getOnboarding(kit, region, user.onboardingId);
  const phase = user.registeredAt || !onboarding ? null : phaseOf(onboarding, kit.now());
  if (!user.registeredAt && (options.incompleteLogin === '401' || !onboarding))
    throw fail('INVALID_CREDENTIALS');
  if (user.disabled) throw fail('USER_DISABLED');
  const pending = otpPending(c, user, body.otpCode);
  const userId = phase && options.phaseUserId === 'onboarding' ? user.onboardingId : user.id;
  return reply(
    c,
    loginView(kit, user, issueToken(kit, region, user, pending), phase, userId, pending),
  );
}

/** Sends (here: sets) the 6-digit login code for the userId a login answer gave. */
function loginOtp(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  const id = normaliseId(body.userId);
  const user = id ? getUser(kit, region, id) : undefined;
  if (!user) throw fail('USER_NOT_FOUND');
  if (user.disabled) throw fail('USER_DISABLED');
  if (!user.otpEnabled || !user.registeredAt) throw fail('OTP_NOT_ENABLED');
  // Calling again resends: a new code replaces the old one, with a new lifetime.
  user.otpChallenge = { code: CODES.sms, expiresAt: kit.iso(kit.now() + optionsOf(kit).otpTtl) };
  return reply(c, { success: true });
}

const settings = (c: C) => reply(c, settingsView());

const profile = (c: C) => reply(c, profileView(c.get('kit'), userOf(c).user));

/** A post-registration session: new on each call (24 h, single use), superseding older ones. */
function reverification(c: C) {
  const kit = c.get('kit');
  const { region, user } = userOf(c);
  const onboarding = getOnboarding(kit, region, user.onboardingId);
  if (!onboarding || isVeriffDownEmail(user.email)) throw fail('INTERNAL_SERVER_ERROR');
  const session = openSession(kit, region, onboarding, user, 'post-registration');
  return reply(c, { sessionUrl: kit.hostedUrl(session.id) });
}

export const userRoutes = () =>
  new Hono<ProviderEnv>()
    .post('/v1/auth/login', login)
    .post('/v1/auth/login/otp', loginOtp)
    .get('/v1/auth/settings', settings)
    .get('/v1/user', profile)
    .get('/v1/user/verification', reverification);
