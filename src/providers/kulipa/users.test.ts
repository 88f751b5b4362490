import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import { createUser, expectError, KEY, kulipa, sandbox, USER_ID, userBody } from './testing.js';

const full = {
  phone: { country: '+33', number: '612345678' },
  dateOfBirth: '1990-05-17',
  countryOfBirth: 'FR',
  address: { address1: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' },
  shippingAddress: {
    address: { address1: '2 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' },
    phone: '+33612345678',
  },
  wallet: {
    blockchain: 'polygon-amoy',
    withdrawalAddress: '0x52908400098527886E0F7030069857D2E4169EE7',
  },
};

const usersOf = (sb: ReturnType<typeof sandbox>) =>
  sb.snapshot({ provider: 'kulipa' })[`kulipa:${KEY}`]?.users ?? [];

describe('Kulipa create user', () => {
  it('creates an unverified user: 201 with a usr- id of 40 characters', async () => {
    const res = await kulipa(
      sandbox(),
      'POST',
      '/users',
      userBody({ email: 'ada@example.com', ...full }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(USER_ID),
      status: 'unverified',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: full.phone,
      dateOfBirth: '1990-05-17',
      countryOfBirth: 'FR',
      countryOfResidence: 'FR',
      address: full.address,
      shippingAddress: full.shippingAddress,
      legalName: null,
      companyId: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(res.body.id).toHaveLength(40);
  });

  it('accepts the documented minimal body {email, firstName, lastName, countryOfResidence}', async () => {
    const res = await kulipa(sandbox(), 'POST', '/users', {
      email: 'min@example.com',
      firstName: 'Jo',
      lastName: 'Li',
      countryOfResidence: 'DE',
    });
    expect(res.status).toBe(201);
  });

  it('accepts the older wallet.address in place of wallet.withdrawalAddress', async () => {
    const sb = sandbox();
    await createUser(sb, { wallet: { blockchain: 'stellar-testnet', address: 'GABC' } });
    expect(usersOf(sb)[0].wallet).toEqual({
      blockchain: 'stellar-testnet',
      withdrawalAddress: 'GABC',
    });
  });

  it('keeps unicode names intact', async () => {
    const res = await kulipa(
      sandbox(),
      'POST',
      '/users',
      userBody({ firstName: 'Zoë 李', lastName: 'Ñúñez-Ōtsuka' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ firstName: 'Zoë 李', lastName: 'Ñúñez-Ōtsuka' });
  });

  it.each([
    [
      'a one-letter firstName',
      { firstName: 'A' },
      'firstName must NOT have fewer than 2 characters',
    ],
    [
      'a 65-character lastName',
      { lastName: 'x'.repeat(65) },
      'lastName must NOT have more than 64 characters',
    ],
    ['a missing email', { email: undefined }, 'email is required'],
    ['a malformed email', { email: 'not-an-email' }, 'email must match format "email"'],
    ['a numeric firstName', { firstName: 42 }, 'firstName must be string'],
    [
      'a lowercase country',
      { countryOfResidence: 'fr' },
      'countryOfResidence must match pattern "^[A-Z]{2}$"',
    ],
    [
      'an impossible date of birth',
      { dateOfBirth: '1990-02-30' },
      'dateOfBirth must match format "date"',
    ],
    [
      'a future date of birth',
      { dateOfBirth: '2030-01-01' },
      'dateOfBirth must be between 1900-01-01 and today',
    ],
    [
      'a date of birth in year 1',
      { dateOfBirth: '0001-01-01' },
      'dateOfBirth must be between 1900-01-01 and today',
    ],
    [
      'a phone without its + prefix',
      { phone: { country: '33', number: '612345678' } },
      'phone.country must match pattern "^\\+[0-9]{1,4}$"',
    ],
    [
      'a 13-digit phone number',
      { phone: { country: '+33', number: '1234567890123' } },
      'phone.number must match pattern "^[0-9]{1,12}$"',
    ],
    [
      'an address without a city',
      { address: { address1: 'x', postalCode: '1', country: 'FR' } },
      'address.city is required',
    ],
    [
      'a wallet without an address',
      { wallet: { blockchain: 'polygon-amoy' } },
      'wallet.withdrawalAddress is required',
    ],
    [
      'a wallet on a CamelCase chain',
      { wallet: { blockchain: 'PolygonAmoy', withdrawalAddress: '0x1' } },
      'wallet.blockchain must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
    ],
    [
      'a huge firstName',
      { firstName: 'x'.repeat(50_000) },
      'firstName must NOT have more than 64 characters',
    ],
  ])('answers 400 validation_error for %s, naming the field', async (_what, extra, message) => {
    const sb = sandbox();
    const res = await kulipa(sb, 'POST', '/users', userBody(extra));
    expectError(res, 400, 'validation_error', message);
    expect(res.body.details.issues.length).toBeGreaterThan(0);
    expect(usersOf(sb)).toEqual([]);
  });

  it('lists every problem in details.issues, each with its path', async () => {
    const res = await kulipa(sandbox(), 'POST', '/users', { firstName: 'A', email: 'x' });
    expect(res.body.details.issues).toEqual(
      expect.arrayContaining([
        { path: ['lastName'], message: 'is required' },
        { path: ['countryOfResidence'], message: 'is required' },
        { path: ['firstName'], message: 'must NOT have fewer than 2 characters' },
        { path: ['email'], message: 'must match format "email"' },
      ]),
    );
  });

  it.each([
    [
      'malformed JSON',
      { body: '{"firstName":', headers: { 'content-type': 'application/json' } },
      'Request body is not valid JSON',
    ],
    [
      'a form body',
      { body: 'firstName=Ada', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'Content-Type must be application/json',
    ],
    ['no content type', { body: '{}', headers: {} }, 'Content-Type must be application/json'],
    [
      'a JSON array',
      { body: '[]', headers: { 'content-type': 'application/json' } },
      'Request body must be a JSON object',
    ],
    [
      'JSON null',
      { body: 'null', headers: { 'content-type': 'application/json' } },
      'Request body must be a JSON object',
    ],
  ])('answers 400 for %s and stores nothing', async (_what, init, message) => {
    const sb = sandbox();
    const res = await call(sb, 'POST', '/kulipa/v1/users', {
      body: init.body,
      headers: { 'x-api-key': KEY, ...init.headers },
    });
    expectError(res, 400, 'validation_error', message);
    expect(usersOf(sb)).toEqual([]);
  });

  it('answers 413 payload_too_large_error for a body over the limit', async () => {
    const res = await kulipa(
      sandbox(),
      'POST',
      '/users',
      userBody({ address: { address1: 'x'.repeat(200_000) } }),
    );
    expectError(res, 413, 'payload_too_large_error', 'Request body is too large');
  });

  it('refuses a second user with the same phone: 409 duplicate_user_error', async () => {
    const sb = sandbox();
    await createUser(sb, { phone: { country: '+33', number: '612345678' } });
    expectError(
      await kulipa(
        sb,
        'POST',
        '/users',
        userBody({ phone: { country: '+33', number: '612345678' } }),
      ),
      409,
      'duplicate_user_error',
      'A user with this phone number already exists',
    );
    expect(usersOf(sb)).toHaveLength(1);
  });

  it('refuses a second user with the same email, whatever its case: 409 duplicate_user_error', async () => {
    const sb = sandbox();
    await createUser(sb, { email: 'same@example.com' });
    expectError(
      await kulipa(sb, 'POST', '/users', userBody({ email: 'SAME@example.com' })),
      409,
      'duplicate_user_error',
      'A user with this email already exists',
    );
  });

  it.each([['frozen'], ['disabled']])(
    'creates a %s user for the magic @%s.kulipa.test domain',
    async (status) => {
      const res = await kulipa(
        sandbox(),
        'POST',
        '/users',
        userBody({ email: `x@${status}.kulipa.test` }),
      );
      expect(res.body.status).toBe(status);
    },
  );
});
