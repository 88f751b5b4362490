import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  addressStep,
  advance,
  baanx,
  CODE,
  detailsStep,
  emailStep,
  expectError,
  pagePath,
  PASSWORD,
  PHONE,
  phoneStep,
  register,
  verificationStep,
} from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });

describe('Baanx registration, walked from email to access token', () => {
  it('registers an international user: email, phone, Veriff session, details, address → accessToken → profile', async () => {
    const sb = sandbox();
    const send = await baanx(sb, 'POST', '/v1/auth/register/email/send', {
      email: 'hello@example.com',
    });
    expect(send.body).toEqual({ contactVerificationId: expect.any(String) });
    const contactVerificationId = send.body.contactVerificationId;
    const verify = await baanx(sb, 'POST', '/v1/auth/register/email/verify', {
      email: 'hello@example.com',
      password: PASSWORD,
      verificationCode: CODE,
      contactVerificationId,
      countryOfResidence: 'GB',
      allowMarketing: true,
      allowSms: false,
    });
    expect(verify.body).toMatchObject({
      hasAccount: false,
      onboardingId: expect.any(String),
      user: {
        email: 'hello@example.com',
        verificationState: 'UNVERIFIED',
        firstName: null,
        countryOfResidence: 'GB',
      },
    });
    const onboardingId = verify.body.onboardingId;
    expect(
      (await baanx(sb, 'POST', '/v1/auth/register/phone/send', { ...PHONE, contactVerificationId }))
        .body,
    ).toEqual({ success: true });
    const phone = await baanx(sb, 'POST', '/v1/auth/register/phone/verify', {
      onboardingId,
      ...PHONE,
      contactVerificationId,
      verificationCode: CODE,
    });
    expect(phone.body).toMatchObject({
      onboardingId,
      user: { phoneNumber: '7400846282', phoneCountryCode: '+44' },
    });
    const kyc = await baanx(sb, 'POST', '/v1/auth/register/verification', { onboardingId });
    expect(kyc.body.sessionUrl).toMatch(/^http:\/\/sandbox\.test\/verify\/baanx\/[0-9a-f-]{36}$/);
    expect(
      (
        await call(sb, 'POST', pagePath(kyc.body.sessionUrl), {
          body: 'state=PENDING',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(200);
    const details = await baanx(sb, 'POST', '/v1/auth/register/personal-details', {
      onboardingId,
      firstName: 'John',
      lastName: 'Doe',
      dateOfBirth: '1990-01-01',
      countryOfNationality: 'GB',
    });
    expect(details.body.user).toMatchObject({
      firstName: 'John',
      lastName: 'Doe',
      dateOfBirth: '1990-01-01',
      countryOfNationality: 'GB',
      ssn: null,
    });
    const address = await baanx(sb, 'POST', '/v1/auth/register/address', {
      onboardingId,
      addressLine1: '23 Werrington Bridge Rd',
      addressLine2: 'Milking Nook',
      city: 'Peterborough',
      zip: 'PE6 7PP',
      isSameMailingAddress: true,
    });
    expect(address.body).toMatchObject({
      accessToken: expect.any(String),
      onboardingId,
      user: {
        addressLine1: '23 Werrington Bridge Rd',
        city: 'Peterborough',
        zip: 'PE6 7PP',
        usState: null,
      },
    });
    const profile = await baanx(sb, 'GET', '/v1/user', undefined, {
      token: address.body.accessToken,
    });
    expect(profile.body).toEqual({
      id: verify.body.user.id,
      firstName: 'John',
      lastName: 'Doe',
      dateOfBirth: '1990-01-01',
      email: 'hello@example.com',
      verificationState: 'PENDING',
      phoneNumber: '7400846282',
      phoneCountryCode: '+44',
      addressLine1: '23 Werrington Bridge Rd',
      addressLine2: 'Milking Nook',
      city: 'Peterborough',
      zip: 'PE6 7PP',
      countryOfResidence: 'GB',
      countryOfNationality: 'GB',
      usState: null,
      ssn: null,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const status = await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${onboardingId}`);
    expect(status.body).toEqual({
      id: onboardingId,
      email: 'hello@example.com',
      firstName: 'John',
      lastName: 'Doe',
      phoneNumber: '7400846282',
      verificationState: 'PENDING',
      addressLine1: '23 Werrington Bridge Rd',
      city: 'Peterborough',
      countryOfResidence: 'GB',
    });
  });

  it('registers a US user with a separate mailing address: no token at the address step, then one at mailing-address', async () => {
    const sb = sandbox();
    const r = await emailStep(sb, { us: true });
    await phoneStep(sb, r);
    expect((await verificationStep(sb, r)).status).toBe(200);
    expect((await detailsStep(sb, r, { ssn: '123-45-6789' })).body.user.ssn).toBe('123-45-6789');
    const address = await addressStep(sb, r, {
      usState: 'CA',
      isSameMailingAddress: false,
      addressLine1: '1 Market St',
      city: 'San Francisco',
      zip: '94105',
    });
    expect(address.status).toBe(200);
    expect(address.body.accessToken).toBeUndefined();
    expect(address.body.user).toMatchObject({ addressLine1: '1 Market St', usState: 'CA' });
    const mailing = await baanx(
      sb,
      'POST',
      '/v1/auth/register/mailing-address',
      {
        onboardingId: r.onboardingId,
        addressLine1: 'PO Box 123',
        city: 'New York',
        zip: '10001',
        usState: 'NY',
      },
      r.o,
    );
    expect(mailing.body).toMatchObject({
      accessToken: expect.stringMatching(/^US_/),
      onboardingId: r.onboardingId,
    });
    const profile = await baanx(sb, 'GET', '/v1/user', undefined, {
      token: mailing.body.accessToken,
      us: true,
    });
    expect(profile.body).toMatchObject({
      countryOfResidence: 'US',
      usState: 'CA',
      ssn: '123-45-6789',
      addressLine1: '1 Market St',
      verificationState: 'UNVERIFIED',
    });
  });

  it('completes a US registration at the address step when the mailing address is the same', async () => {
    const sb = sandbox();
    const r = await emailStep(sb, { us: true });
    await phoneStep(sb, r);
    await detailsStep(sb, r);
    expect((await addressStep(sb, r, { usState: 'TX' })).body.accessToken).toMatch(/^US_/);
  });

  it('lets registration complete without the KYC step; the user verifies later', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('UNVERIFIED');
  });
});

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
