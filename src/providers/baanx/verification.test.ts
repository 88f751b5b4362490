import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  advance,
  baanx,
  detailsStep,
  emailStep,
  readyForKyc,
  expectError,
  freshEmail,
  OTHER_KEY,
  pagePath,
  phoneStep,
  register,
  sessionIdOf,
  stateOf,
  verificationStep,
} from './testing.js';

const sandbox = (options?: Record<string, string>) =>
  testSandbox({ providers: [provider], ...(options ? { options: { baanx: options } } : {}) });
const submit = (sb: ReturnType<typeof sandbox>, url: string, state: string) =>
  call(sb, 'POST', pagePath(url), {
    body: `state=${state}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('Baanx POST /v1/auth/register/verification (KYC session during registration)', () => {
  it('answers {sessionUrl} opening the sandbox Veriff page', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    const res = await verificationStep(sb, r);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sessionUrl: expect.stringMatching(/^http:\/\/sandbox\.test\/verify\/baanx\/[0-9a-f-]{36}$/),
    });
    const page = await call(sb, 'GET', pagePath(res.body.sessionUrl));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Baanx verification');
    expect(page.text).toContain('state UNVERIFIED');
  });

  it('returns the same URL on repeat calls while it lives, even after the person submitted', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    const first = (await verificationStep(sb, r)).body.sessionUrl;
    await advance(sb, '30m');
    expect((await verificationStep(sb, r)).body.sessionUrl).toBe(first);
    await submit(sb, first, 'PENDING');
    expect((await verificationStep(sb, r)).body.sessionUrl).toBe(first);
  });

  it('ignores an Authorization header, as documented', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    expect((await verificationStep(sb, r, { authorization: 'Bearer not-a-token' })).status).toBe(
      200,
    );
  });

  it('answers 400 before phone verification: the step is out of order (docs: "after phone verification is complete")', async () => {
    const sb = sandbox();
    expectError(
      await verificationStep(sb, await emailStep(sb)),
      400,
      'Verification requires phone verification first',
    );
  });

  it('is available right after email verification with registrationOrder=any', async () => {
    const sb = sandbox({ registrationOrder: 'any' });
    expect((await verificationStep(sb, await emailStep(sb))).status).toBe(200);
  });

  it('lets personal details come before the KYC step by default, but not with registrationOrder=guide', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    expect((await detailsStep(sb, r)).status).toBe(200);
    const strict = sandbox({ registrationOrder: 'guide' });
    const s = await readyForKyc(strict);
    expectError(
      await detailsStep(strict, s),
      400,
      'Personal details requires the verification session first',
    );
    expect((await verificationStep(strict, s)).status).toBe(200);
    expect((await detailsStep(strict, s)).status).toBe(200);
  });

  it.each([
    ['a non-UUID', { onboardingId: 'not-an-id' }],
    ['a number', { onboardingId: 42 }],
    ['an empty string', { onboardingId: '' }],
    ['a missing onboardingId', {}],
    ['a US_ prefix without a UUID', { onboardingId: 'US_123' }],
    ['a 10 000-character id', { onboardingId: 'a'.repeat(10_000) }],
  ])('answers 400 "Invalid onboarding ID" for %s', async (_what, body) => {
    expectError(
      await baanx(sandbox(), 'POST', '/v1/auth/register/verification', body),
      400,
      'Invalid onboarding ID',
    );
  });

  it('answers 400 "Invalid onboarding ID" once the onboarding expired (60 minutes)', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await advance(sb, '61m');
    expectError(await verificationStep(sb, r), 400, 'Invalid onboarding ID');
  });

  it('answers 404 for an unknown onboarding', async () => {
    expectError(
      await baanx(sandbox(), 'POST', '/v1/auth/register/verification', {
        onboardingId: '100a99cf-f4d3-4fa1-9be9-2e9828b20ebb',
      }),
      404,
      'Onboarding not found',
    );
  });

  it('answers 404 for a completed onboarding', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expectError(await verificationStep(sb, r), 404, 'Onboarding not found');
  });

  it("answers 404 for another client's onboarding", async () => {
    const sb = sandbox();
    const theirs = await emailStep(sb, { key: OTHER_KEY });
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/verification', {
        onboardingId: theirs.onboardingId,
      }),
      404,
      'Onboarding not found',
    );
  });

  it('answers 500 through the INTERNAL_SERVER_ERROR scenario, and the same call then succeeds', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    expectError(
      await verificationStep(sb, r, { 'x-sandbox-scenario': 'INTERNAL_SERVER_ERROR' }),
      500,
      'Internal server error',
    );
    expect((await verificationStep(sb, r)).status).toBe(200);
  });

  it('answers 500 for a person at @veriff-down.baanx.test (verification provider unavailable)', async () => {
    const sb = sandbox();
    expectError(
      await verificationStep(
        sb,
        await readyForKyc(sb, { email: freshEmail('veriff-down.baanx.test') }),
      ),
      500,
      'Internal server error',
    );
  });

  it('answers 400 "Invalid request" for a body that is not JSON, and stores nothing', async () => {
    const sb = sandbox();
    const before = JSON.stringify(sb.snapshot({ provider: 'baanx' }));
    const res = await call(sb, 'POST', '/baanx/v1/auth/register/verification', {
      body: '{"onboardingId":',
      headers: {
        'x-client-key': 'baa0c11e-0000-4000-8000-000000000001',
        'content-type': 'application/json',
      },
    });
    expectError(res, 400, 'Invalid request: the body is not valid JSON');
    expect(JSON.stringify(sb.snapshot({ provider: 'baanx' }))).toBe(before);
  });

  it('lets the person submit on the page; polling shows PENDING; the link is then used (410)', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    const url = (await verificationStep(sb, r)).body.sessionUrl;
    expect(await stateOf(sb, r)).toBe('UNVERIFIED');
    expect((await submit(sb, url, 'PENDING')).text).toContain('PENDING');
    expect(await stateOf(sb, r)).toBe('PENDING');
    expect((await call(sb, 'GET', pagePath(url))).status).toBe(410);
  });

  it('expires the registration URL after 7 days and gives a fresh one if the onboarding still lives', async () => {
    const sb = testSandbox({ providers: [provider], options: { baanx: { onboardingTtl: '8d' } } });
    const r = await readyForKyc(sb);
    const first = (await verificationStep(sb, r)).body.sessionUrl;
    await advance(sb, '7d');
    expect((await call(sb, 'GET', pagePath(first))).status).toBe(410);
    const second = (await verificationStep(sb, r)).body.sessionUrl;
    expect(sessionIdOf(second)).not.toBe(sessionIdOf(first));
  });
});
