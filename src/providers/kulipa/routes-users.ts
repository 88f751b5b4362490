// Kulipa's user paths: create, read, list (K1, K2, K7) and the four update endpoints (§2.10).
import type { Context, Hono } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import {
  addressOf,
  emailFrom,
  intQuery,
  shippingOf,
  userIdFrom,
  userInput,
  validateBody,
} from './input.js';
import { listUsers, ownedUser } from './records.js';
import {
  createUser,
  setUserAddress,
  setUserEmail,
  setUserPhone,
  setUserShipping,
} from './transitions.js';
import { userPage, userView } from './views.js';

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
 * The user a PUT /v1/users/{userId}/… names, after its body: the path id (400), then the body the
 * route reads (400), then the lookup (404 nobody's, 403 another key's).
 */
function updating<T>(c: C, read: (c: C) => T) {
  const userId = userIdFrom(c.req.param('userId'));
  const input = read(c);
  const kit = c.get('kit');
  return { kit, user: ownedUser(kit, userId), input };
}

/** Registers the user paths on Kulipa's sub-app; every answer is the SDK's User model. */
export function userRoutes(app: Hono<ProviderEnv>) {
  return app
    .post('/v1/users', (c) => {
      const user = createUser(c.get('kit'), userInput(c.get('kit'), validateBody(c)));
      return reply(c, userView(user), 201);
    })
    .get('/v1/users', listUsersRoute)
    .get('/v1/users/:userId', (c) =>
      reply(c, userView(ownedUser(c.get('kit'), userIdFrom(c.req.param('userId'))))),
    )
    .put('/v1/users/:userId/address', (c) => {
      const { kit, user, input } = updating(c, (c) => addressOf(validateBody(c)));
      return reply(c, userView(setUserAddress(kit, user, input)));
    })
    .put('/v1/users/:userId/phone-number', (c) => {
      const { kit, user, input } = updating(c, (c) => validateBody(c));
      const phone = { country: String(input.country), number: String(input.number) };
      return reply(c, userView(setUserPhone(kit, user, phone)));
    })
    .put('/v1/users/:userId/email', (c) => {
      const { kit, user, input } = updating(c, emailFrom);
      return reply(c, userView(setUserEmail(kit, user, input)));
    })
    .put('/v1/users/:userId/shipping-address', (c) => {
      const { kit, user, input } = updating(c, (c) => shippingOf(validateBody(c)));
      return reply(c, userView(setUserShipping(kit, user, input)));
    });
}
