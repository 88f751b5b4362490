import { describe, expect, it } from 'vitest';
import {
  activeUser,
  sandbox,
  createUser,
  expectError,
  initiate,
  kulipa,
  OTHER_KEY,
  startKyc,
} from './testing.js';

describe('Kulipa x-api-key', () => {
  it('answers 401 "Missing API key" without the header', async () => {
    expectError(
      await kulipa(sandbox(), 'GET', '/users', undefined, null),
      401,
      'unauthorized_error',
      'Missing API key',
    );
  });

  it('answers 401 "Missing API key" for a blank header', async () => {
    expectError(
      await kulipa(sandbox(), 'GET', '/users', undefined, '   '),
      401,
      'unauthorized_error',
      'Missing API key',
    );
  });

  it('answers 401 "Invalid API key" for a key that names no tenant', async () => {
    expectError(
      await kulipa(sandbox(), 'POST', '/users', {}, 'live_key_0123456789abcdef'),
      401,
      'unauthorized_error',
      'Invalid API key',
    );
  });

  it('answers 401 for a self-service prefix with too short a suffix', async () => {
    expectError(
      await kulipa(sandbox(), 'GET', '/users', undefined, 'kulipa_test_x'),
      401,
      'unauthorized_error',
      'Invalid API key',
    );
  });

  it('accepts any kulipa_test_ key as a fresh, empty tenant', async () => {
    const sb = sandbox();
    await createUser(sb);
    const res = await kulipa(sb, 'GET', '/users', undefined, 'kulipa_test_ci_job_4242');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ page: 0, count: 0, hasMore: false, items: [] });
  });

  it('refuses a HEAD without the key too (HEAD runs the GET handler)', async () => {
    const res = await sandbox().app.request('/kulipa/v1/users', { method: 'HEAD' });
    expect(res.status).toBe(401);
  });

  it("answers 403 forbidden_error for another key's user on every user call", async () => {
    const sb = sandbox();
    const { userId, kycId } = await activeUser(sb);
    const msg = 'You do not have access to this user';
    expectError(
      await kulipa(sb, 'GET', `/users/${userId}`, undefined, OTHER_KEY),
      403,
      'forbidden_error',
      msg,
    );
    expectError(await initiate(sb, userId, 'rfi', {}, OTHER_KEY), 403, 'forbidden_error', msg);
    expectError(
      await kulipa(sb, 'GET', `/kycs/export?userId=${userId}`, undefined, OTHER_KEY),
      403,
      'forbidden_error',
      msg,
    );
    expectError(
      await kulipa(sb, 'GET', `/kycs/${kycId}`, undefined, OTHER_KEY),
      403,
      'forbidden_error',
      'You do not have access to this KYC',
    );
  });

  it("does not list another key's users, even by email", async () => {
    const sb = sandbox();
    await createUser(sb, { email: 'shared@example.com' });
    const res = await kulipa(sb, 'GET', '/users?email=shared@example.com', undefined, OTHER_KEY);
    expect(res.body.items).toEqual([]);
  });

  it('lets two keys create users with the same email and phone (tenants are isolated)', async () => {
    const sb = sandbox();
    const body = { email: 'same@example.com', phone: { country: '+33', number: '612345678' } };
    await createUser(sb, body);
    await createUser(sb, body, OTHER_KEY);
  });
});

describe('Kulipa x-request-id', () => {
  it('is on every response: success, vendor error, auth error and unknown path', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const responses = [
      await kulipa(sb, 'GET', `/users/${userId}`),
      await initiate(sb, 'usr-short'),
      await kulipa(sb, 'GET', '/users', undefined, null),
      await kulipa(sb, 'GET', '/no/such/path'),
      await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' }, undefined, {
        'x-idempotency-key': 'k'.repeat(65),
      }),
      await kulipa(sb, 'GET', `/users/${userId}`, undefined, undefined, {
        'x-sandbox-scenario': 'service_unavailable',
      }),
      await kulipa(sb, 'POST', '/users', { blob: 'x'.repeat(200_000) }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 400, 401, 404, 400, 503, 413]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same sequence for the same seed', async () => {
    const run = async () => {
      const sb = sandbox({ seed: 'req-ids' });
      const a = await createUser(sb);
      return [a, (await kulipa(sb, 'GET', `/users/${a}`)).headers.get('x-request-id')];
    };
    expect(await run()).toEqual(await run());
  });

  it("answers 404 not_found_error in Kulipa's shape for an unknown path, without needing a key", async () => {
    const res = await kulipa(sandbox(), 'GET', '/cards', undefined, null);
    expectError(res, 404, 'not_found_error', 'Route not found');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('tags a KYC started for a fresh user too', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await startKyc(sb, userId);
  });
});
