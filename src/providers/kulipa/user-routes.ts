// /v1/users: create (K1), get (K2), find by email (K7). The body follows the third-party SDK's
// CreateUserRequest; the docs' minimal body {email, firstName, lastName, countryOfResidence} is enough.
import { Hono } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { bodyFor, intQuery, userIdFrom } from './input.js';
import { USERS, userFor, userView, type KulipaUser, type UserStatus } from './users.js';

// Magic email domains: a user that starts frozen or disabled, for tests that cannot call the admin API.
const MAGIC_STATUS: Record<string, UserStatus> = {
  '@frozen.kulipa.test': 'frozen',
  '@disabled.kulipa.test': 'disabled',
};

// A format-valid date such as 0001-01-01 is still no one's birth date.
const EARLIEST_BIRTH = '1900-01-01';

const statusForEmail = (email: string): UserStatus =>
  Object.entries(MAGIC_STATUS).find(([domain]) => email.toLowerCase().endsWith(domain))?.[1] ??
  'unverified';

export function userRoutes() {
  return new Hono<ProviderEnv>()
    .post('/v1/users', (c) => {
      const kit = c.get('kit');
      const body = bodyFor(c, 'createUser');
      const dateOfBirth = (body.dateOfBirth as string | undefined) ?? null;
      if (dateOfBirth && (dateOfBirth < EARLIEST_BIRTH || Date.parse(dateOfBirth) >= kit.now())) {
        const message = `must be between ${EARLIEST_BIRTH} and today`;
        throw fail('VALIDATION_ERROR', {
          vars: { detail: `dateOfBirth ${message}` },
          details: { issues: [{ path: ['dateOfBirth'], message }] },
        });
      }
      const email = String(body.email);
      const phone = (body.phone as KulipaUser['phone'] | undefined) ?? null;
      const users = kit.ns.list<KulipaUser>(USERS);
      if (
        phone &&
        users.some((u) => u.phone?.country === phone.country && u.phone.number === phone.number)
      )
        throw fail('DUPLICATE_USER_PHONE');
      if (users.some((u) => u.email.toLowerCase() === email.toLowerCase()))
        throw fail('DUPLICATE_USER_EMAIL');
      // Older clients send wallet.address instead of wallet.withdrawalAddress (third-party SDK history).
      const wallet = body.wallet as
        { blockchain: string; withdrawalAddress?: string; address?: string } | undefined;
      const now = kit.iso();
      const user: KulipaUser = {
        id: `usr-${kit.ids.uuid('user')}`,
        status: statusForEmail(email),
        firstName: String(body.firstName),
        lastName: String(body.lastName),
        email,
        phone,
        dateOfBirth,
        countryOfBirth: (body.countryOfBirth as string | undefined) ?? null,
        countryOfResidence: String(body.countryOfResidence),
        address: (body.address as KulipaUser['address'] | undefined) ?? null,
        shippingAddress:
          (body.shippingAddress as KulipaUser['shippingAddress'] | undefined) ?? null,
        legalName: null,
        companyId: (body.companyId as string | undefined) ?? null,
        wallet: wallet
          ? {
              blockchain: wallet.blockchain,
              withdrawalAddress: String(wallet.withdrawalAddress ?? wallet.address),
            }
          : null,
        createdAt: now,
        updatedAt: now,
      };
      kit.ns.put(USERS, user.id, user);
      return c.json(userView(user), 201);
    })
    .get('/v1/users', (c) => {
      const kit = c.get('kit');
      const limit = intQuery(c, 'limit', 20, 1, 100);
      const page = intQuery(c, 'fromPage', 0, 0, 1_000_000);
      const email = c.req.query('email')?.toLowerCase();
      const all = kit.ns
        .list<KulipaUser>(USERS)
        .filter((u) => email === undefined || u.email.toLowerCase() === email);
      const items = all.slice(page * limit, page * limit + limit).map(userView);
      return c.json({ page, count: items.length, hasMore: (page + 1) * limit < all.length, items });
    })
    .get('/v1/users/:userId', (c) =>
      c.json(userView(userFor(c.get('kit'), userIdFrom(c.req.param('userId'))))),
    );
}
