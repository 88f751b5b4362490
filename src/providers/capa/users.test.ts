// Capa create user: the body rules, uniqueness per partner, and the magic error domain.
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../../test/helpers.js';
import { capa, createUser, expectError } from './testing.js';

describe('Capa create user', () => {
  it('creates a user: 201 {success:true, data:{userId}}', async () => {
    const res = await capa(testSandbox(), 'POST', '/users', {
      type: 'BUSINESS',
      email: 'ops@acme.mx',
      externalUserId: 'acme-1',
      alias: 'Acme',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      data: { userId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });

  it.each([
    ['a missing type', { email: 'a@b.co' }],
    ['an unknown type', { type: 'ROBOT', email: 'a@b.co' }],
    ['a missing email', { type: 'INDIVIDUAL' }],
    ['a numeric email', { type: 'INDIVIDUAL', email: 42 }],
    ['an empty externalUserId', { type: 'INDIVIDUAL', email: 'a@b.co', externalUserId: '' }],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_what, body) => {
    expectError(
      await capa(testSandbox(), 'POST', '/users', body),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('answers 400 BAD_REQUEST "Provided email is not valid" for a malformed email', async () => {
    expectError(
      await capa(testSandbox(), 'POST', '/users', { type: 'INDIVIDUAL', email: 'not-an-email' }),
      400,
      'BAD_REQUEST',
      'Provided email is not valid',
    );
  });

  it('refuses a duplicate externalUserId with 409 and keeps one user', async () => {
    const sb = testSandbox();
    await createUser(sb, { externalUserId: 'ext-1' });
    expectError(
      await capa(sb, 'POST', '/users', {
        type: 'INDIVIDUAL',
        email: 'other@b.co',
        externalUserId: 'ext-1',
      }),
      409,
      'CONFLICT',
      'User with externalUserId ext-1 already exists',
    );
    expect(
      sb.snapshot({ provider: 'capa' })['capa:capa_test_partner_key_000000000001'].users,
    ).toHaveLength(1);
  });

  it('refuses a duplicate email within a partner', async () => {
    const sb = testSandbox();
    await createUser(sb, { email: 'same@b.co' });
    expectError(
      await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'SAME@b.co' }),
      409,
      'CONFLICT',
      'User with email SAME@b.co already exists',
    );
  });

  it('answers 500 "User creation failed" for the magic @error.capa.test domain', async () => {
    expectError(
      await capa(testSandbox(), 'POST', '/users', {
        type: 'INDIVIDUAL',
        email: 'x@error.capa.test',
      }),
      500,
      'INTERNAL_SERVER_ERROR',
      'User creation failed',
    );
  });
});
