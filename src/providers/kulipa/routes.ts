// Kulipa's API as a Hono sub-app; the auth stage (auth.ts: key, rate limit) runs before it.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { idempotency } from './idempotency.js';
import {
  intQuery,
  keyIdFrom,
  kycIdFrom,
  kycTypeFrom,
  readBody,
  redirectUriFrom,
  userIdFrom,
  userInput,
  validateBody,
} from './input.js';
import { checkInitiation, lastVerifiedIdentity, optionsOf } from './lifecycle.js';
import {
  listKycs,
  listUsers,
  ownedKyc,
  ownedUser,
  saveWebhookSettings,
  webhookSettings,
} from './records.js';
import { createUser, startKyc } from './transitions.js';
import { exportOf, keyView, kycView, settingsView, userPage, userView } from './views.js';
import { signingKey } from './webhooks.js';

type C = Context<ProviderEnv>;

/** GET /v1/users?email=&limit=&fromPage=: this key's users, paged. */
function listUsersRoute(c: C) {
  const limit = intQuery(c, 'limit', 20, 1, 100);
  const page = intQuery(c, 'fromPage', 0, 0, 1_000_000);
  const email = c.req.query('email')?.toLowerCase();
  const all = listUsers(c.get('kit')).filter(
    (u) => email === undefined || u.email.toLowerCase() === email,
  );
  return reply(c, userPage(all, page, limit));
}

/**
 * Initiate KYC (the seeded page): PUT in the onboarding guide, POST also accepted since the
 * reference page hides the method (option initiateMethods=put turns POST off).
 */
function initiate(c: C) {
  const kit = c.get('kit');
  if (c.req.method === 'POST' && optionsOf(kit).initiateMethods === 'put')
    throw fail('ROUTE_NOT_FOUND');
  // The fields are checked one by one, in this order, each with its own message (not the schema's).
  const body = readBody(c);
  const userId = userIdFrom(body.userId);
  const type = kycTypeFrom(kit, body.type);
  const redirectUri = redirectUriFrom(body.redirectUri);
  checkInitiation(ownedUser(kit, userId), type);
  const { kyc, created } = startKyc(kit, userId, type, redirectUri);
  return reply(c, kycView(kit, kyc), created ? 201 : 200);
}

/** GET /v1/kycs/export?userId= (the verified identity data) and GET /v1/kycs/{kycId} (a sandbox addition). */
function getKyc(c: Context<ProviderEnv, '/v1/kycs/:kycId'>) {
  const kit = c.get('kit');
  if (c.req.param('kycId') !== 'export')
    return reply(c, kycView(kit, ownedKyc(kit, kycIdFrom(c.req.param('kycId')))));
  const user = ownedUser(kit, userIdFrom(c.req.query('userId')));
  const verified = lastVerifiedIdentity(listKycs(kit), user.id);
  if (!verified) throw fail('KYC_NOT_VERIFIED');
  return reply(c, exportOf(kit, user, verified));
}

/** Users (K1, K2, K7), KYCs (K3, K4 and a read-back) and webhooks (K6), behind idempotency keys. */
export function kulipaRoutes() {
  return (
    new Hono<ProviderEnv>()
      .use('*', idempotency())
      .post('/v1/users', (c) => {
        const user = createUser(c.get('kit'), userInput(c.get('kit'), validateBody(c)));
        return reply(c, userView(user), 201);
      })
      .get('/v1/users', listUsersRoute)
      .get('/v1/users/:userId', (c) =>
        reply(c, userView(ownedUser(c.get('kit'), userIdFrom(c.req.param('userId'))))),
      )
      .put('/v1/kycs', initiate)
      .post('/v1/kycs', initiate)
      // One route for /v1/kycs/export and /v1/kycs/{kycId}: a static path next to a parameter at the
      // same place would push Hono from its RegExpRouter onto the slower TrieRouter for every provider.
      .get('/v1/kycs/:kycId', getKyc)
      // Kulipa registers webhook URLs in its dashboard; the sandbox adds GET/PUT /v1/webhooks (README).
      .get('/v1/webhooks', (c) =>
        reply(c, settingsView(webhookSettings(c.get('kit')), signingKey(c.get('kit')).id)),
      )
      .put('/v1/webhooks', (c) => {
        const kit = c.get('kit');
        const settings = saveWebhookSettings(kit, String(validateBody(c).url));
        return reply(c, settingsView(settings, signingKey(kit).id));
      })
      .get('/v1/webhooks/keys/:keyId', (c) => {
        const id = keyIdFrom(c.req.param('keyId'));
        const key = signingKey(c.get('kit'));
        if (key.id !== id) throw fail('WEBHOOK_KEY_NOT_FOUND');
        return reply(c, keyView(key));
      })
  );
}
