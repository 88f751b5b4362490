// Kulipa's API as a Hono sub-app; the auth stage (auth.ts: key, rate limit) runs before it.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { idempotency } from './idempotency.js';
import {
  keyIdFrom,
  kycIdFrom,
  kycTypeFrom,
  readBody,
  redirectUriFrom,
  userIdFrom,
  validateBody,
} from './input.js';
import { checkInitiation, lastVerifiedFull, optionsOf } from './lifecycle.js';
import {
  kycsOfUser,
  ownedKyc,
  ownedUser,
  saveWebhookSettings,
  webhookSettings,
} from './records.js';
import { userRoutes } from './routes-users.js';
import { startKyc } from './transitions.js';
import { exportView, identityOf, keyView, kycView, settingsView } from './views.js';
import { signingKey } from './webhooks.js';

type C = Context<ProviderEnv>;

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
  const user = ownedUser(kit, userId);
  checkInitiation(user, type, kycsOfUser(kit, userId));
  const { kyc, created } = startKyc(kit, user, type, redirectUri);
  return reply(c, kycView(kit, kyc), created ? 201 : 200);
}

/**
 * GET /v1/kycs/export?userId=: docs, "The user must be in active status" and "must have a verified
 * full KYC on record"; the most recently verified one is reported. The KYC is checked first: a user
 * who never passed one is told so, not that they are inactive.
 */
function exportKyc(c: C) {
  const kit = c.get('kit');
  const user = ownedUser(kit, userIdFrom(c.req.query('userId')));
  const verified = lastVerifiedFull(kycsOfUser(kit, user.id), user.id);
  if (!verified) throw fail('KYC_NOT_VERIFIED');
  if (user.status !== 'active') throw fail('EXPORT_USER_NOT_ACTIVE');
  return reply(c, exportView(verified.identity ?? identityOf(kit, user, verified)));
}

/** GET /v1/kycs/{kycId} (a sandbox addition). */
function getKyc(c: Context<ProviderEnv, '/v1/kycs/:kycId'>) {
  const kit = c.get('kit');
  return reply(c, kycView(kit, ownedKyc(kit, kycIdFrom(c.req.param('kycId')))));
}

/** Users (K1, K2, K7, §2.10), KYCs (K3, K4 and a read-back) and webhooks (K6), behind idempotency keys. */
export function kulipaRoutes() {
  return (
    userRoutes(new Hono<ProviderEnv>().use('*', idempotency()))
      .put('/v1/kycs', initiate)
      .post('/v1/kycs', initiate)
      .get('/v1/kycs/export', exportKyc)
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
