// Duplicate checks after users change: an email or phone given up is free again, the one taken is
// refused, whichever endpoint asks (the lookups behind them follow every change).
import { describe, expect, it } from 'vitest';
import { createUser, expectError, initiate, kulipa, sandbox } from './testing.js';

type Sb = ReturnType<typeof sandbox>;
const put = (sb: Sb, userId: string, what: string, body: unknown) =>
  kulipa(sb, 'PUT', `/users/${userId}/${what}`, body);
const newUser = (sb: Sb, extra: Record<string, unknown>) =>
  kulipa(sb, 'POST', '/users', {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `fresh-${Math.random().toString(36).slice(2)}@example.com`,
    countryOfResidence: 'FR',
    ...extra,
  });
const duplicate = (res: Awaited<ReturnType<typeof kulipa>>, what: 'email' | 'phone number') =>
  expectError(res, 409, 'duplicate_user_error', `A user with this ${what} already exists`);

describe('Kulipa duplicate users after changes', () => {
  it('frees an email its user gave up, and refuses the one it took, in any case', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, { email: 'first@example.com' });
    expect((await put(sb, userId, 'email', 'second@example.com')).status).toBe(200);
    duplicate(await newUser(sb, { email: 'SECOND@example.com' }), 'email');
    expect((await newUser(sb, { email: 'First@Example.com' })).status).toBe(201);
  });

  it('lets two users trade places: each address stays taken by exactly one', async () => {
    const sb = sandbox();
    const a = await createUser(sb, { email: 'a@example.com' });
    const b = await createUser(sb, { email: 'b@example.com' });
    expect((await put(sb, a, 'email', 'c@example.com')).status).toBe(200);
    expect((await put(sb, b, 'email', 'A@example.com')).status).toBe(200);
    duplicate(await put(sb, a, 'email', 'a@example.com'), 'email');
    duplicate(await newUser(sb, { email: 'c@example.com' }), 'email');
    expect((await put(sb, a, 'email', 'b@example.com')).status).toBe(200);
    duplicate(await newUser(sb, { email: 'B@example.com' }), 'email');
  });

  it('lets a user change the case of its own email', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, { email: 'case@example.com' });
    expect((await put(sb, userId, 'email', 'CASE@example.com')).status).toBe(200);
    duplicate(await newUser(sb, { email: 'case@example.com' }), 'email');
  });

  it('frees a phone its user gave up, and refuses the one it took', async () => {
    const sb = sandbox();
    const old = { country: '+33', number: '611111111' };
    const taken = { country: '+33', number: '622222222' };
    const userId = await createUser(sb, { phone: old });
    expect((await put(sb, userId, 'phone-number', taken)).status).toBe(200);
    duplicate(await newUser(sb, { phone: taken }), 'phone number');
    expect((await newUser(sb, { phone: old })).status).toBe(201);
    // The same number under another country code is another phone.
    expect((await newUser(sb, { phone: { country: '+34', number: '622222222' } })).status).toBe(
      201,
    );
  });

  it('keeps each user’s open KYC its own: the same user gets it back, another gets a new one', async () => {
    const sb = sandbox();
    const [a, b] = [await createUser(sb), await createUser(sb)];
    const first = await initiate(sb, a);
    expect(first.status).toBe(201);
    expect((await initiate(sb, b)).status).toBe(201);
    const again = await initiate(sb, a);
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: first.body.id });
  });
});
