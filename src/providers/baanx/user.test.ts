import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  advance,
  baanx,
  expectError,
  freshEmail,
  move,
  OTHER_KEY,
  pagePath,
  PASSWORD,
  register,
  sessionIdOf,
} from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });

describe('Baanx Bearer access token', () => {
  it.each([
    ['no Authorization header', {}],
    ['a Basic scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an unknown token', { authorization: 'Bearer 100a99cf-f4d3-4fa1-9be9-2e9828b20ebb' }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
  ])('answers 401 "Not authenticated" with %s', async (_what, headers) => {
    const sb = sandbox();
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { headers }),
      401,
      'Not authenticated',
    );
    expectError(
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { headers }),
      401,
      'Not authenticated',
    );
  });

  it('answers 401 to HEAD /v1/user without a token, as to GET', async () => {
    const sb = sandbox();
    expect((await baanx(sb, 'HEAD', '/v1/user')).status).toBe(401);
    expect((await baanx(sb, 'HEAD', '/v1/user/verification')).status).toBe(401);
    const r = await register(sb);
    expect((await baanx(sb, 'HEAD', '/v1/user', undefined, { token: r.accessToken })).status).toBe(
      200,
    );
  });

  it('expires the access token after 6 hours on the tenant clock', async () => {
    const sb = sandbox();
    const r = await register(sb);
    await advance(sb, '5h59m');
    expect((await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).status).toBe(
      200,
    );
    await advance(sb, '1m');
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken }),
      401,
      'Not authenticated',
    );
  });

  it('renews access with POST /v1/auth/login (the sandbox refresh): a new 6-hour token', async () => {
    const sb = sandbox();
    const r = await register(sb);
    await advance(sb, '7h');
    const login = await baanx(sb, 'POST', '/v1/auth/login', { email: r.email, password: PASSWORD });
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      userId: r.userId,
      isOtpRequired: false,
      phoneNumber: null,
      phase: null,
      verificationState: 'UNVERIFIED',
      isLinked: false,
    });
    expect(login.body.accessToken).not.toBe(r.accessToken);
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: login.body.accessToken })).body.id,
    ).toBe(r.userId);
  });

  it('answers 401 "Invalid email or password" to a wrong password or an unfinished registration', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expectError(
      await baanx(sb, 'POST', '/v1/auth/login', { email: r.email, password: 'wrong-password' }),
      401,
      'Invalid email or password',
    );
    expectError(
      await baanx(sb, 'POST', '/v1/auth/login', {
        email: 'nobody@example.com',
        password: PASSWORD,
      }),
      401,
      'Invalid email or password',
    );
  });

  it("answers 403 to a token of another client's user", async () => {
    const sb = sandbox();
    const theirs = await register(sb, { key: OTHER_KEY });
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: theirs.accessToken }),
      403,
      'User does not belong to this client',
    );
    expectError(
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: theirs.accessToken }),
      403,
      'User does not belong to this client',
    );
  });

  it('answers 403 to a user at @suspended.baanx.test, on Bearer calls and login', async () => {
    const sb = sandbox();
    const r = await register(sb, { email: freshEmail('suspended.baanx.test') });
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken }),
      403,
      'User account is disabled',
    );
    expectError(
      await baanx(sb, 'POST', '/v1/auth/login', { email: r.email, password: PASSWORD }),
      403,
      'User account is disabled',
    );
  });
});

describe('Baanx GET /v1/user/verification (post-registration)', () => {
  it('answers a new single-use URL on each call and supersedes the previous one', async () => {
    const sb = sandbox();
    const r = await register(sb);
    const first = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    const second = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    expect(second).not.toBe(first);
    expect((await call(sb, 'GET', pagePath(first))).status).toBe(410);
    expect((await call(sb, 'GET', pagePath(second))).status).toBe(200);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(first)}`)).body.link).toBe(
      'superseded',
    );
  });

  it('expires the URL after 24 hours', async () => {
    const sb = sandbox();
    const r = await register(sb);
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    expect((await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(url)}`)).body.expiresAt).toBe(
      '2025-01-02T00:00:00.000Z',
    );
    await advance(sb, '24h');
    expect((await call(sb, 'GET', pagePath(url))).status).toBe(410);
  });

  it('uses the URL up once the person submits', async () => {
    const sb = sandbox();
    const r = await register(sb);
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    await move(sb, sessionIdOf(url), 'PENDING');
    expect((await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(url)}`)).body.link).toBe(
      'used',
    );
  });

  it('answers 500 for a person at @veriff-down.baanx.test', async () => {
    const sb = sandbox();
    const r = await register(sb, { email: freshEmail('veriff-down.baanx.test') });
    expectError(
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken }),
      500,
      'Internal server error',
    );
  });

  it('shows verificationState on GET /v1/user as the decision moves', async () => {
    const sb = sandbox();
    const r = await register(sb);
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    await move(sb, sessionIdOf(url), 'VERIFIED');
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('VERIFIED');
  });
});
