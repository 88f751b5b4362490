// POST /v1/auth/login's phase and OTP, POST /v1/auth/login/otp, and GET /v1/auth/settings.
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  advance,
  baanx,
  CODE,
  detailsStep,
  emailStep,
  expectError,
  freshEmail,
  PASSWORD,
  phoneStep,
  readyForKyc,
  register,
  type Registration,
} from './testing.js';

const sandbox = (options?: Record<string, string>) =>
  testSandbox({ providers: [provider], ...(options ? { options: { baanx: options } } : {}) });
type SB = ReturnType<typeof sandbox>;

const login = (sb: SB, email: string, extra: Record<string, unknown> = {}, us = false) =>
  baanx(sb, 'POST', '/v1/auth/login', { email, password: PASSWORD, ...extra }, { us });
const sendOtp = (sb: SB, userId: unknown) => baanx(sb, 'POST', '/v1/auth/login/otp', { userId });

describe('Baanx POST /v1/auth/login before registration is complete (what MetaMask and Ledger expect)', () => {
  it('answers 200 with the phase where the person stopped, and the onboardingId as userId', async () => {
    const sb = sandbox();
    const r: Registration = await emailStep(sb);
    const at = async () => (await login(sb, r.email)).body;
    const first = await at();
    expect(first).toMatchObject({
      phase: 'PHONE_NUMBER',
      userId: r.onboardingId,
      isOtpRequired: false,
      phoneNumber: null,
      verificationState: 'UNVERIFIED',
      isLinked: false,
    });
    expect(first.accessToken).toMatch(/^[0-9a-f-]{36}$/);
    await phoneStep(sb, r);
    expect((await at()).phase).toBe('PERSONAL_INFORMATION');
    await detailsStep(sb, r);
    expect((await at()).phase).toBe('PHYSICAL_ADDRESS');
  });

  it('answers phase ACCOUNT once the unfinished onboarding expired (the person starts over)', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    await advance(sb, '61m');
    expect((await login(sb, r.email)).body.phase).toBe('ACCOUNT');
  });

  it('answers phase null for a registered user, with the user id', async () => {
    const sb = sandbox();
    const r = await register(sb);
    const res = await login(sb, r.email);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phase: null, userId: r.userId });
  });

  it('gives the user id with phaseUserId=user', async () => {
    const sb = sandbox({ phaseUserId: 'user' });
    const r = await emailStep(sb);
    expect((await login(sb, r.email)).body).toMatchObject({
      phase: 'PHONE_NUMBER',
      userId: r.userId,
    });
  });

  it('answers 401 "Invalid email or password" with incompleteLogin=401', async () => {
    const sb = sandbox({ incompleteLogin: '401' });
    const r = await emailStep(sb);
    expectError(await login(sb, r.email), 401, 'Invalid email or password');
  });

  it('answers 401 for a wrong password of an unfinished registration', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    expectError(
      await login(sb, r.email, { password: 'wrong-password-1' }),
      401,
      'Invalid email or password',
    );
  });
});

describe('Baanx login OTP', () => {
  const otpUser = async (sb: SB) => register(sb, { email: freshEmail('otp.baanx.test') });

  it('asks for OTP with a masked phone and a token not valid for API calls, then logs in with the code', async () => {
    const sb = sandbox();
    const r = await otpUser(sb);
    const first = await login(sb, r.email);
    expect(first.body).toMatchObject({
      isOtpRequired: true,
      phoneNumber: '+447******282',
      phase: null,
    });
    expectError(
      await baanx(sb, 'GET', '/v1/user', undefined, { token: first.body.accessToken }),
      401,
      'Not authenticated',
    );
    expect(await sendOtp(sb, first.body.userId)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    const second = await login(sb, r.email, { otpCode: CODE });
    expect(second.body).toMatchObject({ isOtpRequired: false, phoneNumber: null });
    const me = await baanx(sb, 'GET', '/v1/user', undefined, { token: second.body.accessToken });
    expect(me.status).toBe(200);
    // The code is used up.
    expectError(await login(sb, r.email, { otpCode: CODE }), 401, 'Invalid OTP code');
  });

  it('answers 401 "Invalid OTP code" for a wrong code or when none was sent', async () => {
    const sb = sandbox();
    const r = await otpUser(sb);
    expectError(await login(sb, r.email, { otpCode: CODE }), 401, 'Invalid OTP code');
    await sendOtp(sb, r.userId);
    expectError(await login(sb, r.email, { otpCode: '000000' }), 401, 'Invalid OTP code');
  });

  it('answers 401 "OTP code expired" after otpTtl (5 minutes)', async () => {
    const sb = sandbox();
    const r = await otpUser(sb);
    await sendOtp(sb, r.userId);
    await advance(sb, '6m');
    expectError(await login(sb, r.email, { otpCode: CODE }), 401, 'OTP code expired');
  });

  it('answers 400 for an otpCode that is not 6 digits', async () => {
    const sb = sandbox();
    const r = await otpUser(sb);
    const res = await login(sb, r.email, { otpCode: 12345 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Invalid request: /);
  });

  it('ignores otpCode for a user without OTP', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expect((await login(sb, r.email, { otpCode: '000000' })).body.isOtpRequired).toBe(false);
  });

  it('answers the documented errors of /v1/auth/login/otp', async () => {
    const sb = sandbox();
    const plain = await register(sb);
    expectError(await sendOtp(sb, plain.userId), 400, 'OTP is not enabled for this user');
    expectError(await sendOtp(sb, '00000000-0000-4000-8000-000000000000'), 404, 'User not found');
    const bad = await sendOtp(sb, 'nope');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid request: /);
    const r = await otpUser(sb);
    await sb.app.request(`/_sandbox/providers/baanx/users/${r.userId}/disable`, { method: 'POST' });
    expectError(await sendOtp(sb, r.userId), 403, 'User account is disabled');
    expectError(
      await baanx(sb, 'POST', '/v1/auth/login/otp', { userId: r.userId }, { key: 'nope' }),
      498,
      'Invalid Token',
    );
  });
});

describe('Baanx GET /v1/auth/settings', () => {
  it('lists the countries and US states registration accepts, without a user token', async () => {
    const sb = sandbox();
    const res = await baanx(sb, 'GET', '/v1/auth/settings');
    expect(res.status).toBe(200);
    const gb = res.body.countries.find((c: { iso3166alpha2: string }) => c.iso3166alpha2 === 'GB');
    expect(gb).toMatchObject({ name: 'United Kingdom', callingCode: '44', canSignUp: true });
    expect(res.body.usStates).toHaveLength(56);
    expect(Object.keys(res.body.links)).toEqual(['us', 'intl']);
  });

  it('answers 498 without a client key', async () => {
    expectError(
      await baanx(sandbox(), 'GET', '/v1/auth/settings', undefined, { key: null }),
      498,
      'Invalid Token',
    );
  });

  it('refuses a residence listed with canSignUp false, and a country it does not list', async () => {
    const sb = sandbox();
    const blocked = await baanx(sb, 'GET', '/v1/auth/settings');
    const no = blocked.body.countries.find((c: { canSignUp: boolean }) => !c.canSignUp);
    await expect(emailStep(sb, { country: no.iso3166alpha2 })).rejects.toThrow(
      `Sign-up is not available in ${no.iso3166alpha2}`,
    );
    await expect(emailStep(sb, { country: 'XX' })).rejects.toThrow(
      '/countryOfResidence must be a country listed by GET /v1/auth/settings',
    );
    const r = await readyForKyc(sb);
    const res = await detailsStep(sb, r, { countryOfNationality: 'XX' });
    expect(res.status).toBe(400);
  });
});
