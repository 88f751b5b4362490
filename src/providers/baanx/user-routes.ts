// After registration: login (the sandbox's way to renew a 6-hour access token), the profile with
// verificationState, and post-registration (re-)verification sessions (24 h, single use).
import { Hono } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { clientFor } from './clients.js';
import { fail } from './errors.js';
import { bodyFor, sameText } from './input.js';
import { isVeriffDownEmail } from './lifecycle.js';
import { coll, type Onboarding, type User } from './records.js';
import { bearerUser, hashPassword, issueToken } from './tokens.js';
import { openSession } from './verification.js';
import { loginView, profileView } from './views.js';

export function userRoutes() {
  return new Hono<ProviderEnv>()
    .post('/v1/auth/login', (c) => {
      const { kit, region } = clientFor(c);
      const body = bodyFor(c, 'login');
      const user = kit.ns.find<User>(
        coll('users', region),
        (u) => u.registeredAt !== null && sameText(u.email, String(body.email)),
      );
      if (!user || user.passwordHash !== hashPassword(String(body.password)))
        throw fail('INVALID_CREDENTIALS');
      if (user.disabled) throw fail('USER_DISABLED');
      return c.json(loginView(kit, user, issueToken(kit, region, user)));
    })
    .get('/v1/user', (c) => {
      const { kit, region } = clientFor(c);
      return c.json(profileView(kit, bearerUser(c, kit, region)));
    })
    .get('/v1/user/verification', (c) => {
      const { kit, region } = clientFor(c);
      const user = bearerUser(c, kit, region);
      const onboarding = kit.ns.get<Onboarding>(coll('onboardings', region), user.onboardingId);
      if (!onboarding || isVeriffDownEmail(user.email)) throw fail('INTERNAL_SERVER_ERROR');
      const session = openSession(kit, region, onboarding, user, 'post-registration');
      return c.json({ sessionUrl: kit.hostedUrl(session.id) });
    });
}
