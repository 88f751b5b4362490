// Baanx registration steps 1 (email) and 2 (phone), each on its own.
import { describe, expect, it } from 'vitest';
import {
  addressStep,
  advance,
  baanx,
  CODE,
  detailsStep,
  emailStep,
  expectError,
  PASSWORD,
  PHONE,
  phoneStep,
  register,
  sandbox,
} from './testing.js';

describe('Baanx step 1: email', () => {
  it('answers 400 "Invalid verification code" for another code and keeps the contact usable', async () => {
    const sb = sandbox();
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'a@example.com' })
    ).body;
    const body = {
      email: 'a@example.com',
      password: PASSWORD,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: false,
      allowSms: false,
    };
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
        ...body,
        verificationCode: '654321',
      }),
      400,
      'Invalid verification code',
    );
    expect(
      (
        await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
          ...body,
          verificationCode: CODE,
        })
      ).status,
    ).toBe(200);
  });

  it('answers 400 "Verification code expired" once the code is older than codeTtl (15 min)', async () => {
    const sb = sandbox();
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'a@example.com' })
    ).body;
    await advance(sb, '15m');
    const res = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: 'a@example.com',
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: false,
      allowSms: false,
    });
    expectError(res, 400, 'Verification code expired');
  });

  it('answers 400 when the email differs from the one the code was sent to', async () => {
    const sb = sandbox();
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'a@example.com' })
    ).body;
    const res = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: 'b@example.com',
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: false,
      allowSms: false,
    });
    expectError(res, 400, 'Email does not match the verification request');
  });

  it('answers 404 for an unknown contactVerificationId', async () => {
    const res = await baanx(sandbox(), 'POST', '/v1/auth/register/email/verify', {
      email: 'a@example.com',
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId: '100a99cf-f4d3-4fa1-9be9-2e9828b20ebb',
      countryOfResidence: 'GB',
      allowMarketing: false,
      allowSms: false,
    });
    expectError(res, 404, 'Contact verification not found');
  });

  it.each([
    ['a missing password', { password: undefined }],
    ['a short password', { password: 'short' }],
    ['a 5-digit code', { verificationCode: '12345' }],
    ['a lowercase country', { countryOfResidence: 'gb' }],
    ['allowSms as a string', { allowSms: 'true' }],
  ])('answers 400 "Invalid request" for %s', async (_what, change) => {
    const sb = sandbox();
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'a@example.com' })
    ).body;
    const res = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: 'a@example.com',
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: false,
      allowSms: false,
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Invalid request: /);
  });

  it('answers 400 "Invalid request" to email/send with an invalid address', async () => {
    const res = await baanx(sandbox(), 'POST', '/v1/auth/register/email/send', {
      email: 'not-an-email',
    });
    expect([res.status, res.body.message]).toEqual([
      400,
      'Invalid request: /email must match format "email"',
    ]);
  });

  it('returns the same onboarding when email/verify is retried', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    const again = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: r.email,
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId: r.contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: true,
      allowSms: true,
    });
    expect(again.body).toMatchObject({
      hasAccount: false,
      onboardingId: r.onboardingId,
      user: { id: r.userId },
    });
  });

  it('answers hasAccount: true for an email that already completed registration', async () => {
    const sb = sandbox();
    const done = await register(sb);
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: done.email.toUpperCase() })
    ).body;
    const res = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: done.email.toUpperCase(),
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: true,
      allowSms: true,
    });
    expect(res.body).toEqual({ hasAccount: true, onboardingId: null, user: null });
  });

  it('answers 409 when a second registration of one email tries to complete', async () => {
    const sb = sandbox();
    const first = await emailStep(sb, { email: 'dup@example.com' });
    const second = await emailStep(sb, { email: 'dup@example.com' });
    for (const r of [first, second]) {
      await phoneStep(sb, r);
      await detailsStep(sb, r);
    }
    expect((await addressStep(sb, first)).status).toBe(200);
    expectError(await addressStep(sb, second), 409, 'Email already registered');
  });
});

describe('Baanx step 2: phone', () => {
  it('answers 400 to phone/send before the email is verified', async () => {
    const sb = sandbox();
    const { contactVerificationId } = (
      await baanx(sb, 'POST', '/v1/auth/register/email/send', { email: 'a@example.com' })
    ).body;
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/phone/send', { ...PHONE, contactVerificationId }),
      400,
      'Phone verification requires email verification first',
    );
  });

  it('answers 400 to phone/verify before any SMS code was sent', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    const res = await baanx(sb, 'POST', '/v1/auth/register/phone/verify', {
      onboardingId: r.onboardingId,
      ...PHONE,
      contactVerificationId: r.contactVerificationId,
      verificationCode: CODE,
    });
    expectError(
      res,
      400,
      'Phone verification requires an SMS code from /v1/auth/register/phone/send first',
    );
  });

  it('answers 400 for another phone number, another code, or an expired code', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await baanx(sb, 'POST', '/v1/auth/register/phone/send', {
      ...PHONE,
      contactVerificationId: r.contactVerificationId,
    });
    const body = {
      onboardingId: r.onboardingId,
      ...PHONE,
      contactVerificationId: r.contactVerificationId,
      verificationCode: CODE,
    };
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/phone/verify', {
        ...body,
        phoneNumber: '7400000000',
      }),
      400,
      'Phone number does not match the verification request',
    );
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/phone/verify', {
        ...body,
        verificationCode: '000000',
      }),
      400,
      'Invalid verification code',
    );
    await advance(sb, '16m');
    expectError(
      await baanx(sb, 'POST', '/v1/auth/register/phone/verify', body),
      400,
      'Verification code expired',
    );
  });

  it('answers 400 when the contactVerificationId belongs to another registration', async () => {
    const sb = sandbox();
    const a = await emailStep(sb);
    const b = await emailStep(sb);
    await baanx(sb, 'POST', '/v1/auth/register/phone/send', {
      ...PHONE,
      contactVerificationId: b.contactVerificationId,
    });
    const res = await baanx(sb, 'POST', '/v1/auth/register/phone/verify', {
      onboardingId: a.onboardingId,
      ...PHONE,
      contactVerificationId: b.contactVerificationId,
      verificationCode: CODE,
    });
    expectError(res, 400, 'Contact verification does not belong to this onboarding');
  });
});
