import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  baanx,
  emailStep,
  expectError,
  KEY,
  OTHER_KEY,
  register,
  REVOKED_KEY,
  sessionIdOf,
  verificationStep,
} from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const US_UUID = /^US_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Baanx x-client-key', () => {
  it('answers 498 "Invalid Token" without x-client-key', async () => {
    expectError(
      await baanx(
        sandbox(),
        'POST',
        '/v1/auth/register/email/send',
        { email: 'a@b.co' },
        { key: null },
      ),
      498,
      'Invalid Token',
    );
  });

  it('answers 498 "Invalid Token" for a key that is not a UUID', async () => {
    expectError(
      await baanx(
        sandbox(),
        'POST',
        '/v1/auth/register/email/send',
        { email: 'a@b.co' },
        { key: 'your-client-key' },
      ),
      498,
      'Invalid Token',
    );
  });

  it('answers 498 "Invalid Token" for a UUID outside the fixtures and the self-service prefix', async () => {
    expectError(
      await baanx(
        sandbox(),
        'POST',
        '/v1/auth/register/email/send',
        { email: 'a@b.co' },
        { key: '100a99cf-f4d3-4fa1-9be9-2e9828b20ebb' },
      ),
      498,
      'Invalid Token',
    );
  });

  it.each([
    ['POST', '/v1/auth/register/email/send'],
    ['POST', '/v1/auth/register/verification'],
    ['GET', '/v1/auth/register?onboardingId=100a99cf-f4d3-4fa1-9be9-2e9828b20ebb'],
    ['POST', '/v1/auth/login'],
    ['GET', '/v1/user'],
    ['GET', '/v1/user/verification'],
  ])('answers 498 "Invalid Token" for the revoked fixture key on %s %s', async (method, path) => {
    expectError(
      await baanx(sandbox(), method, path, method === 'POST' ? {} : undefined, {
        key: REVOKED_KEY,
      }),
      498,
      'Invalid Token',
    );
  });

  it('checks the client key before the body', async () => {
    expectError(
      await call(sandbox(), 'POST', '/baanx/v1/auth/register/verification', {
        body: 'not json',
        headers: { 'x-client-key': REVOKED_KEY },
      }),
      498,
      'Invalid Token',
    );
  });

  it('accepts any UUID starting baa0c11e- as a fresh client of its own', async () => {
    const sb = sandbox();
    const ci = 'baa0c11e-1234-4abc-8def-0123456789ab';
    const r = await emailStep(sb, { key: ci });
    expect(
      (
        await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`, undefined, {
          key: ci,
        })
      ).status,
    ).toBe(200);
    expectError(
      await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`),
      404,
      'Onboarding not found',
    );
  });

  it('treats the key case-insensitively (one tenant for both spellings)', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    expect(
      (
        await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`, undefined, {
          key: KEY.toUpperCase(),
        })
      ).status,
    ).toBe(200);
  });

  it("answers 404 for another client's onboarding", async () => {
    const sb = sandbox();
    const r = await emailStep(sb, { key: OTHER_KEY });
    expectError(await verificationStep(sb, { ...r, o: {} }), 404, 'Onboarding not found');
  });
});

describe('Baanx US region (x-us-env: true)', () => {
  it('prefixes every id with US_ and keeps user ids plain UUIDs, as documented', async () => {
    const sb = sandbox();
    const r = await register(sb, { us: true, kyc: true });
    expect(r.contactVerificationId).toMatch(US_UUID);
    expect(r.onboardingId).toMatch(US_UUID);
    expect(r.accessToken).toMatch(US_UUID);
    expect(sessionIdOf(r.sessionUrl!)).toMatch(US_UUID);
    expect(r.userId).toMatch(UUID);
    expect((await call(sb, 'GET', new URL(r.sessionUrl!).pathname)).status).toBe(200);
  });

  it('keeps international ids bare UUIDs', async () => {
    const r = await register(sandbox(), { kyc: true });
    expect(
      [r.contactVerificationId, r.onboardingId, r.accessToken, sessionIdOf(r.sessionUrl!)].every(
        (id) => UUID.test(id),
      ),
    ).toBe(true);
  });

  it('does not know a US onboarding without x-us-env, nor an international one with it', async () => {
    const sb = sandbox();
    const us = await emailStep(sb, { us: true });
    const intl = await emailStep(sb);
    expectError(
      await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${us.onboardingId}`),
      404,
      'Onboarding not found',
    );
    expectError(
      await baanx(
        sb,
        'POST',
        '/v1/auth/register/verification',
        { onboardingId: intl.onboardingId },
        { us: true },
      ),
      404,
      'Onboarding not found',
    );
  });

  it('does not know a US contact verification without x-us-env', async () => {
    const sb = sandbox();
    const us = await emailStep(sb, { us: true });
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/phone/send', {
        phoneCountryCode: '+1',
        phoneNumber: '2025550123',
        contactVerificationId: us.contactVerificationId,
      }),
      404,
      'Contact verification not found',
    );
  });

  it('answers 401 to a US access token used without x-us-env, and logs a US user in only in the US region', async () => {
    const sb = sandbox();
    const r = await register(sb, { us: true });
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken }),
      401,
      'Not authenticated',
    );
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken, us: true })).status,
    ).toBe(200);
    expectError(
      await baanx(sb, 'POST', '/v1/auth/login', { email: r.email, password: 'x1x2x3x4y1y2y3y4!!' }),
      401,
      'Invalid email or password',
    );
  });

  it('lets one email register in both regions as two accounts', async () => {
    const sb = sandbox();
    const email = 'twice@example.com';
    const intl = await register(sb, { email });
    const us = await register(sb, { email, us: true });
    expect(intl.userId).not.toBe(us.userId);
  });

  it("routes with the guides' region=us query parameter as with x-us-env", async () => {
    const sb = sandbox();
    const us = await emailStep(sb, { us: true });
    const res = await baanx(
      sb,
      'GET',
      `/v1/auth/register?onboardingId=${us.onboardingId}&region=us`,
    );
    expect(res.body).toMatchObject({ id: us.onboardingId, countryOfResidence: 'US' });
  });

  it('treats any x-us-env value but "true" as international', async () => {
    const sb = sandbox();
    const us = await emailStep(sb, { us: true });
    expectError(
      await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${us.onboardingId}`, undefined, {
        headers: { 'x-us-env': 'yes' },
      }),
      404,
      'Onboarding not found',
    );
    expect(
      (
        await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${us.onboardingId}`, undefined, {
          headers: { 'x-us-env': 'TRUE' },
        })
      ).status,
    ).toBe(200);
  });
});
