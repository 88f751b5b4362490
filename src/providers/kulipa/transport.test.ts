import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  advance,
  createUser,
  expectError,
  KEY,
  kulipa,
  OTHER_KEY,
  sandbox,
  userBody,
} from './testing.js';

const usersOf = (sb: ReturnType<typeof sandbox>) =>
  sb.snapshot({ provider: 'kulipa' })[`kulipa:${KEY}`]?.users ?? [];

describe('Kulipa rate limit (per key, on the tenant clock)', () => {
  it('carries x-ratelimit-remaining and x-ratelimit-reset (seconds) on successful answers', async () => {
    const sb = sandbox();
    const res = await kulipa(sb, 'GET', '/users');
    expect(
      Object.fromEntries(
        ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((h) => [
          h,
          res.headers.get(h),
        ]),
      ),
    ).toEqual({
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '299',
      'x-ratelimit-reset': '60',
    });
  });

  it('carries them on vendor errors and idempotent replays too, but not on 401s or unknown paths', async () => {
    const sb = sandbox();
    const replay = { 'x-idempotency-key': 'rate-headers' };
    const body = userBody();
    const answers = [
      await kulipa(sb, 'GET', '/users/usr-1'),
      await kulipa(sb, 'POST', '/users', body, KEY, replay),
      await kulipa(sb, 'POST', '/users', body, KEY, replay),
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 201, 201]);
    expect(answers[2].headers.get('x-idempotent-replayed')).toBe('true');
    expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual([
      '299',
      '298',
      '297',
    ]);
    const refused = [
      await kulipa(sb, 'GET', '/users', undefined, null),
      await kulipa(sb, 'GET', '/no/such/path'),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 404]);
    for (const r of refused) expect(r.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('answers 429 too_many_requests_error past the limit, with Retry-After, then resets after the window', async () => {
    const sb = sandbox({ options: { kulipa: { rateLimit: '3' } } });
    for (let i = 0; i < 3; i++) expect((await kulipa(sb, 'GET', '/users')).status).toBe(200);
    await advance(sb, '20s');
    const limited = await kulipa(sb, 'GET', '/users');
    expectError(limited, 429, 'too_many_requests_error', 'Too many requests');
    expect(
      Object.fromEntries(
        ['x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'].map((h) => [
          h,
          limited.headers.get(h),
        ]),
      ),
    ).toEqual({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '40',
      'retry-after': '40',
    });
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    await advance(sb, '40s');
    const after = await kulipa(sb, 'GET', '/users');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('counts each key on its own', async () => {
    const sb = sandbox({ options: { kulipa: { rateLimit: '1' } } });
    expect((await kulipa(sb, 'GET', '/users')).status).toBe(200);
    expect((await kulipa(sb, 'GET', '/users')).status).toBe(429);
    expect((await kulipa(sb, 'GET', '/users', undefined, OTHER_KEY)).status).toBe(200);
  });

  it('does not spend the limit on requests without a valid key', async () => {
    const sb = sandbox({ options: { kulipa: { rateLimit: '1' } } });
    await kulipa(sb, 'GET', '/users', undefined, null);
    expect((await kulipa(sb, 'GET', '/users')).status).toBe(200);
  });

  it('refuses a state change while limited', async () => {
    const sb = sandbox({ options: { kulipa: { rateLimit: '1' } } });
    await kulipa(sb, 'GET', '/users');
    expect((await kulipa(sb, 'POST', '/users', userBody())).status).toBe(429);
    expect(usersOf(sb)).toEqual([]);
  });
});

describe("Kulipa scenarios (x-sandbox-scenario), in Kulipa's error shape", () => {
  it.each([
    ['internal_error', 500, 'internal_server_error', 'Internal server error'],
    ['bad_gateway', 502, 'bad_gateway_error', 'Bad gateway'],
    ['service_unavailable', 503, 'service_unavailable_error', 'Service unavailable'],
    ['gateway_timeout', 504, 'gateway_timeout_error', 'Gateway timeout'],
    ['rate_limited', 429, 'too_many_requests_error', 'Too many requests'],
  ])('answers %s as %i %s', async (scenario, status, code, message) => {
    const sb = sandbox();
    const res = await kulipa(sb, 'PUT', '/kycs', { userId: 'x', type: 'full' }, KEY, {
      'x-sandbox-scenario': scenario,
    });
    expectError(res, status, code, message);
  });

  it('forces a 500 on the next initiation through an admin fault rule, and stores nothing', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await call(sb, 'POST', '/_sandbox/faults', {
      json: { provider: 'kulipa', operation: 'initiateKyc', scenario: 'internal_error', times: 1 },
    });
    expectError(
      await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' }),
      500,
      'internal_server_error',
      'Internal server error',
    );
    expect((await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' })).status).toBe(201);
  });
});

describe('Kulipa x-idempotency-key', () => {
  const headers = (key: string) => ({ 'x-idempotency-key': key });

  it('replays the stored answer for the same key and body, with no second user', async () => {
    const sb = sandbox();
    const body = userBody();
    const first = await kulipa(sb, 'POST', '/users', body, KEY, headers('create-ada-1'));
    const again = await kulipa(sb, 'POST', '/users', { ...body }, KEY, headers('create-ada-1'));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('x-idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(usersOf(sb)).toHaveLength(1);
  });

  it('treats a body with its keys in another order as the same request', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const first = await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' }, KEY, headers('kyc-1'));
    const again = await call(sb, 'PUT', '/kulipa/v1/kycs', {
      body: `{"type":"full","userId":"${userId}"}`,
      headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...headers('kyc-1') },
    });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
  });

  it('answers 409 idempotency_key_in_use_error to a concurrent retry while the first request runs', async () => {
    const sb = sandbox();
    const body = userBody();
    const replies = await Promise.all(
      [1, 2].map(() => kulipa(sb, 'POST', '/users', body, KEY, headers('concurrent'))),
    );
    const refused = replies.find((r) => r.status === 409)!;
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expectError(
      refused,
      409,
      'idempotency_key_in_use_error',
      'A request with this idempotency key is still being processed',
    );
    expect(usersOf(sb)).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused_error for the same key with another body', async () => {
    const sb = sandbox();
    await kulipa(sb, 'POST', '/users', userBody(), KEY, headers('k-1'));
    expectError(
      await kulipa(sb, 'POST', '/users', userBody(), KEY, headers('k-1')),
      422,
      'idempotency_key_reused_error',
      'This idempotency key was already used with a different request',
    );
    expect(usersOf(sb)).toHaveLength(1);
  });

  it('answers 422 for the same key on another endpoint', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, {}, KEY);
    await kulipa(
      sb,
      'PUT',
      '/webhooks',
      { url: 'https://wallet.example/hooks' },
      KEY,
      headers('k-2'),
    );
    expect(
      (await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' }, KEY, headers('k-2'))).status,
    ).toBe(422);
  });

  it.each([
    ['65 characters', 'k'.repeat(65)],
    ['an empty key', ''],
  ])('answers 400 for a key of %s', async (_what, key) => {
    const sb = sandbox();
    expectError(
      await kulipa(sb, 'POST', '/users', userBody(), KEY, headers(key)),
      400,
      'validation_error',
      'x-idempotency-key must be between 1 and 64 characters',
    );
    expect(usersOf(sb)).toEqual([]);
  });

  it('accepts a key of exactly 64 characters', async () => {
    expect(
      (await kulipa(sandbox(), 'POST', '/users', userBody(), KEY, headers('k'.repeat(64)))).status,
    ).toBe(201);
  });

  it('does not keep a refused request, so a corrected retry with the same key runs', async () => {
    const sb = sandbox();
    const body = userBody({ firstName: 'A' });
    expect((await kulipa(sb, 'POST', '/users', body, KEY, headers('retry-me'))).status).toBe(400);
    expect(
      (await kulipa(sb, 'POST', '/users', { ...body, firstName: 'Ada' }, KEY, headers('retry-me')))
        .status,
    ).toBe(201);
  });

  it('keeps keys per tenant: the same key under another API key is a new request', async () => {
    const sb = sandbox();
    const body = userBody();
    await kulipa(sb, 'POST', '/users', body, KEY, headers('shared'));
    const other = await kulipa(sb, 'POST', '/users', body, OTHER_KEY, headers('shared'));
    expect(other.status).toBe(201);
    expect(other.headers.get('x-idempotent-replayed')).toBeNull();
  });

  it('forgets a key after 24 hours', async () => {
    const sb = sandbox();
    await kulipa(sb, 'POST', '/users', userBody(), KEY, headers('old'));
    await advance(sb, '24h');
    expect((await kulipa(sb, 'POST', '/users', userBody(), KEY, headers('old'))).status).toBe(201);
  });
});
