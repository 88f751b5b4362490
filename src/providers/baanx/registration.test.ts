import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  addressStep,
  baanx,
  CODE,
  detailsStep,
  emailStep,
  pagePath,
  PASSWORD,
  PHONE,
  phoneStep,
  register,
  verificationStep,
  sandbox,
} from './testing.js';

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
