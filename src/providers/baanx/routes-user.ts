// After registration: login (the sandbox's token refresh), profile, re-verification sessions.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { hashPassword, issueToken, principalOf, userOf } from './auth.js';
import { fail } from './errors.js';
import { validateBody } from './input.js';
import { isVeriffDownEmail } from './lifecycle.js';
import { getOnboarding, registeredUser } from './records.js';
import { openSession } from './transitions.js';
import { loginView, profileView } from './views.js';

type C = Context<ProviderEnv>;

/** The way to renew a 6-hour access token: Baanx's registration answers carry no refresh token. */
function login(c: C) {
  const kit = c.get('kit');
  const { region } = principalOf(c);
  const body = validateBody(c);
  const user = registeredUser(kit, region, String(body.email));
  if (!user || user.passwordHash !== hashPassword(String(body.password)))
    throw fail('INVALID_CREDENTIALS');
  if (user.disabled) throw fail('USER_DISABLED');
  return reply(c, loginView(kit, user, issueToken(kit, region, user)));
}

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
    .get('/v1/user', profile)
    .get('/v1/user/verification', reverification);
