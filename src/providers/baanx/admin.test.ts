import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import { baanx, emailStep, expectError, KEY, PHONE, register } from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });
const admin = (sb: ReturnType<typeof sandbox>, method: string, path: string, json?: unknown) =>
  call(sb, method, `/_sandbox/providers/baanx${path}`, { json });

describe('Baanx operator routes (/_sandbox/providers/baanx)', () => {
  it('shows the email and SMS codes a contact verification expects, which the vendor response never carries', async () => {
    const sb = sandbox();
    const send = await baanx(
      sb,
      'POST',
      '/v1/auth/register/email/send',
      { email: 'codes@example.com' },
      { us: true },
    );
    expect(Object.keys(send.body)).toEqual(['contactVerificationId']);
    const id = send.body.contactVerificationId;
    expect((await admin(sb, 'GET', `/contacts/${id}`)).body).toMatchObject({
      contactVerificationId: id,
      tenant: KEY,
      region: 'us',
      email: 'codes@example.com',
      emailCode: '123456',
      emailCodeExpiresAt: '2025-01-01T00:15:00.000Z',
      smsCode: null,
    });
  });

  it('shows the SMS code once phone/send ran', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await baanx(sb, 'POST', '/v1/auth/register/phone/send', {
      ...PHONE,
      contactVerificationId: r.contactVerificationId,
    });
    expect((await admin(sb, 'GET', `/contacts/${r.contactVerificationId}`)).body).toMatchObject({
      phone: '+44 7400846282',
      smsCode: '123456',
      onboardingId: r.onboardingId,
    });
  });

  it('journals the send call (request and response) for inspection', async () => {
    const sb = sandbox();
    await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'j@example.com' });
    const [entry] = (
      await call(sb, 'GET', `/_sandbox/journal?provider=baanx&operation=registerEmailSend`)
    ).body;
    expect(entry).toMatchObject({
      status: 200,
      requestBody: { email: 'j@example.com' },
      responseBody: { contactVerificationId: expect.any(String) },
    });
  });

  it('shows an onboarding with its user (no password) and sessions', async () => {
    const sb = sandbox();
    const r = await register(sb, { kyc: true });
    const view = (await admin(sb, 'GET', `/onboardings/${r.onboardingId}`)).body;
    expect(view).toMatchObject({
      tenant: KEY,
      onboarding: { id: r.onboardingId, completedAt: expect.any(String) },
      user: { id: r.userId, verificationState: 'UNVERIFIED' },
      sessions: [{ kind: 'registration' }],
    });
    expect(view.user.passwordHash).toBeUndefined();
  });

  it('disables a user (403 on Bearer calls) and restores them', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expect((await admin(sb, 'POST', `/users/${r.userId}/disable`)).body).toEqual({
      userId: r.userId,
      tenant: KEY,
      region: 'intl',
      disabled: true,
    });
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken }),
      403,
      'User account is disabled',
    );
    await admin(sb, 'POST', `/users/${r.userId}/disable`, { disabled: false });
    expect((await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).status).toBe(
      200,
    );
  });

  it('answers sandbox errors with hints for unknown ids and bad bodies', async () => {
    const sb = sandbox();
    const unknown = await admin(sb, 'GET', '/contacts/100a99cf-f4d3-4fa1-9be9-2e9828b20ebb');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ type: 'sandbox_error', code: 'unknown_contact' });
    expect((await admin(sb, 'GET', '/onboardings/nope')).body.error.code).toBe('bad_onboarding_id');
    const r = await register(sb);
    const bad = await call(sb, 'POST', `/_sandbox/providers/baanx/users/${r.userId}/disable`, {
      json: { disabled: 'yes' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_disabled']);
  });

  it('lists Baanx sessions in the admin session list', async () => {
    const sb = sandbox();
    await register(sb, { kyc: true, us: true });
    const sessions = (await call(sb, 'GET', '/_sandbox/sessions?provider=baanx')).body;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      provider: 'baanx',
      id: expect.stringMatching(/^US_/),
      state: 'UNVERIFIED',
      link: 'live',
    });
  });

  it('reports Baanx in the provider catalogue with its credentials, options and magic values', async () => {
    const p = (await call(sandbox(), 'GET', '/_sandbox/providers')).body.find(
      (x: { name: string }) => x.name === 'baanx',
    );
    expect(p).toMatchObject({
      baseUrl: 'http://sandbox.test/baanx',
      credentials: expect.arrayContaining([
        expect.objectContaining({ header: 'x-client-key', value: KEY }),
      ]),
      options: {
        codeTtl: '15m',
        onboardingTtl: '60m',
        registrationLinkTtl: '7d',
        verificationLinkTtl: '24h',
        accessTokenTtl: '6h',
        autoDecision: 'off',
      },
    });
  });
});
