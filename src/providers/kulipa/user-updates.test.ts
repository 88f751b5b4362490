import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  activeUser,
  createUser,
  expectError,
  KEY,
  kulipa,
  NOBODY,
  OTHER_KEY,
  sandbox,
  setStatus,
} from './testing.js';

const ADDRESS = {
  address1: '1 Infinite Loop',
  postalCode: '95014',
  city: 'Cupertino',
  country: 'US',
  state: 'CA',
};

const put = (
  sb: ReturnType<typeof sandbox>,
  userId: string,
  what: string,
  body: unknown,
  key: string | null = KEY,
  headers: Record<string, string> = {},
) => kulipa(sb, 'PUT', `/users/${userId}/${what}`, body, key, headers);

describe('Kulipa PUT /v1/users/{userId}/address (docs: updateuseraddress)', () => {
  it('sets the address of a user who has not undergone KYC: 200 with the User', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await put(sb, userId, 'address', { ...ADDRESS, address2: 'Suite 5' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, address: { ...ADDRESS, address2: 'Suite 5' } });
    expect((await kulipa(sb, 'GET', `/users/${userId}`)).body.address).toEqual({
      ...ADDRESS,
      address2: 'Suite 5',
    });
  });

  it('refuses a user who has undergone KYC, in the docs’ words', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    expectError(
      await put(sb, userId, 'address', ADDRESS),
      400,
      'address_update_not_allowed_error',
      'Users who have undergone KYC must complete a new KYC process to update their address',
    );
  });

  it.each([
    ['a missing city', { ...ADDRESS, city: undefined }, 'city is required', ['city']],
    ['a 151-character address1', { ...ADDRESS, address1: 'x'.repeat(151) }, 'address1 must NOT have more than 150 characters', ['address1']],
    ['a 51-character address2', { ...ADDRESS, address2: 'x'.repeat(51) }, 'address2 must NOT have more than 50 characters', ['address2']],
    ['a 17-character postalCode', { ...ADDRESS, postalCode: '1'.repeat(17) }, 'postalCode must NOT have more than 16 characters', ['postalCode']],
    ['a 13-character state (the docs allow 12)', { ...ADDRESS, state: 'x'.repeat(13) }, 'state must NOT have more than 12 characters', ['state']],
    ['a lowercase country', { ...ADDRESS, country: 'us' }, 'country must match pattern "^[A-Z]{2}$"', ['country']],
  ])('answers 400 validation_error for %s, with the issue', async (_what, body, message, path) => {
    const sb = sandbox();
    const res = await put(sb, await createUser(sb), 'address', body);
    expectError(res, 400, 'validation_error', message);
    expect(res.body.details.issues[0].path).toEqual(path);
  }); // prettier-ignore
});

describe('Kulipa PUT /v1/users/{userId}/phone-number (third-party SDK)', () => {
  it('sets the phone {country, number} as the SDK sends it', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await put(sb, userId, 'phone-number', { country: '+33', number: '612345678' });
    expect(res.status).toBe(200);
    expect(res.body.phone).toEqual({ country: '+33', number: '612345678' });
  });

  it('may change the phone of a user who has undergone KYC (the partner verified it)', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    expect(
      (await put(sb, userId, 'phone-number', { country: '+1', number: '5551234' })).status,
    ).toBe(200);
  });

  it('refuses another user’s phone: 409 duplicate_user_error; its own again is fine', async () => {
    const sb = sandbox();
    const phone = { country: '+33', number: '612345678' };
    await createUser(sb, { phone });
    const userId = await createUser(sb);
    expectError(
      await put(sb, userId, 'phone-number', phone),
      409,
      'duplicate_user_error',
      'A user with this phone number already exists',
    );
    await put(sb, userId, 'phone-number', { country: '+33', number: '600000000' });
    expect(
      (await put(sb, userId, 'phone-number', { country: '+33', number: '600000000' })).status,
    ).toBe(200);
  });

  it.each([
    ['a country without +', { country: '33', number: '612345678' }, 'country must match pattern "^\\+[0-9]{1,4}$"'],
    ['a 13-digit number', { country: '+33', number: '6123456789012' }, 'number must match pattern "^[0-9]{1,12}$"'],
    ['a missing number', { country: '+33' }, 'number is required'],
  ])('answers 400 validation_error for %s', async (_what, body, message) => {
    const sb = sandbox();
    expectError(await put(sb, await createUser(sb), 'phone-number', body), 400, 'validation_error', message);
  }); // prettier-ignore
});

describe('Kulipa PUT /v1/users/{userId}/email (third-party SDK)', () => {
  it('takes the address as a bare JSON string, as the SDK sends it', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await put(sb, userId, 'email', 'new.address@example.com');
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('new.address@example.com');
  });

  it('takes {"email": …} as well', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await put(sb, userId, 'email', { email: 'other@example.com' });
    expect(res.body.email).toBe('other@example.com');
  });

  it('refuses another user’s email in any case: 409 duplicate_user_error', async () => {
    const sb = sandbox();
    await createUser(sb, { email: 'taken@example.com' });
    expectError(
      await put(sb, await createUser(sb), 'email', 'TAKEN@example.com'),
      409,
      'duplicate_user_error',
      'A user with this email already exists',
    );
  });

  it.each([
    ['not an email', 'not-an-email'],
    ['an object without email', { mail: 'a@example.com' }],
    ['a 255-character address', `${'a'.repeat(243)}@example.com`],
  ])('answers 400 validation_error for %s', async (_what, body) => {
    const sb = sandbox();
    const res = await put(sb, await createUser(sb), 'email', body);
    expectError(
      res,
      400,
      'validation_error',
      'email must be an email address of at most 254 characters',
    );
    expect(res.body.details.issues).toEqual([
      { path: ['email'], message: 'must be an email address of at most 254 characters' },
    ]);
  });

  it('answers 400 for a body that is neither a string nor an object, or not JSON', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    expectError(
      await put(sb, userId, 'email', ['a@example.com']),
      400,
      'validation_error',
      'Request body must be the email address as a JSON string, or {"email": "…"}',
    );
    const raw = (body: string, type: string) =>
      call(sb, 'PUT', `/kulipa/v1/users/${userId}/email`, {
        body,
        headers: { 'x-api-key': KEY, 'content-type': type },
      });
    expectError(
      await raw('"a@example.com', 'application/json'),
      400,
      'validation_error',
      'Request body is not valid JSON',
    );
    expectError(
      await raw('a@example.com', 'text/plain'),
      400,
      'validation_error',
      'Content-Type must be application/json',
    );
  });
});

describe('Kulipa PUT /v1/users/{userId}/shipping-address (third-party SDK)', () => {
  it('sets {address, phone} as the user’s shipping address', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const shipping = { address: ADDRESS, phone: '+33612345678' };
    const res = await put(sb, userId, 'shipping-address', shipping);
    expect(res.status).toBe(200);
    expect(res.body.shippingAddress).toEqual(shipping);
  });

  it('answers 400 when the address is missing', async () => {
    const sb = sandbox();
    expectError(
      await put(sb, await createUser(sb), 'shipping-address', { phone: '+33612345678' }),
      400,
      'validation_error',
      'address is required',
    );
  });
});

describe('Kulipa user updates: rules every update endpoint shares', () => {
  const bodies: [string, unknown][] = [
    ['address', ADDRESS],
    ['phone-number', { country: '+33', number: '612345678' }],
    ['email', 'shared@example.com'],
    ['shipping-address', { address: ADDRESS }],
  ];

  it.each(bodies)('%s: 401 without a key, 400 for a malformed id', async (what, body) => {
    const sb = sandbox();
    const userId = await createUser(sb);
    expectError(await put(sb, userId, what, body, null), 401, 'unauthorized_error', 'Missing API key');
    expectError(await put(sb, 'usr-123', what, body), 400, 'validation_error', 'userId must be exactly 40 characters long (got 7)');
  }); // prettier-ignore

  it.each(bodies)('%s: 404 for a user nobody owns, 403 for another key’s', async (what, body) => {
    const sb = sandbox();
    expectError(await put(sb, NOBODY, what, body), 404, 'not_found_error', 'User not found');
    const userId = await createUser(sb);
    expectError(await put(sb, userId, what, body, OTHER_KEY), 403, 'forbidden_error', 'You do not have access to this user');
  }); // prettier-ignore

  it.each(bodies)(
    '%s: refuses a disabled or deleted user (400), not a frozen one',
    async (what, body) => {
      const sb = sandbox();
      const frozen = await createUser(sb);
      await setStatus(sb, frozen, 'frozen');
      expect((await put(sb, frozen, what, body)).status).toBe(200);
      for (const status of ['disabled', 'deleted']) {
        const userId = await createUser(sb);
        await setStatus(sb, userId, status);
        expectError(
          await put(sb, userId, what, body),
          400,
          'invalid_user_status_error',
          `Cannot update a ${status} user`,
        );
      }
    },
  );

  it.each(bodies)(
    '%s: a retry with the same x-idempotency-key replays, another body is refused (422)',
    async (what, body) => {
      const sb = sandbox();
      const userId = await createUser(sb);
      const key = { 'x-idempotency-key': `upd-${what}` };
      const first = await put(sb, userId, what, body, KEY, key);
      const again = await put(sb, userId, what, body, KEY, key);
      expect(first.status).toBe(200);
      expect(again.headers.get('x-idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expectError(
        await put(sb, userId, what, what === 'email' ? 'x@example.com' : {}, KEY, key),
        422,
        'idempotency_key_reused_error',
        'This idempotency key was already used with a different request',
      );
    },
  );

  it('moves updatedAt with the tenant clock', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'kulipa', tenant: KEY, by: '1h' },
    });
    const res = await put(sb, userId, 'email', 'later@example.com');
    expect(res.body.updatedAt).toBe('2025-01-01T01:00:00.000Z');
    expect(res.body.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });
});
