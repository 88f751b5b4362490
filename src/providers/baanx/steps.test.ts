import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  addressStep,
  advance,
  baanx,
  detailsStep,
  emailStep,
  expectError,
  phoneStep,
  register,
  type Registration,
} from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });

async function upToDetails(sb: ReturnType<typeof sandbox>, us = false): Promise<Registration> {
  const r = await emailStep(sb, { us });
  await phoneStep(sb, r);
  await detailsStep(sb, r);
  return r;
}

describe('Baanx step 4: personal details', () => {
  it('answers 400 before the phone is verified', async () => {
    const sb = sandbox();
    expectError(
      await detailsStep(sb, await emailStep(sb)),
      400,
      'Personal details requires phone verification first',
    );
  });

  it('answers 400 "ssn is required" for a US resident without ssn', async () => {
    const sb = sandbox();
    const r = await emailStep(sb, { us: true });
    await phoneStep(sb, r);
    expectError(
      await detailsStep(sb, r, { ssn: undefined }),
      400,
      'ssn is required when countryOfResidence is US',
    );
    expectError(
      await detailsStep(sb, r, { ssn: null }),
      400,
      'ssn is required when countryOfResidence is US',
    );
  });

  it('keeps ssn null for a non-US resident who sends one', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    expect((await detailsStep(sb, r, { ssn: '123456789' })).body.user.ssn).toBeNull();
  });

  it.each([
    [
      'a date of birth in the future',
      { dateOfBirth: '2030-01-01' },
      'Invalid request: /dateOfBirth must be in the past',
    ],
    [
      'an impossible date',
      { dateOfBirth: '1990-02-30' },
      'Invalid request: /dateOfBirth must match format "date"',
    ],
    [
      'a blank first name',
      { firstName: '   ' },
      'Invalid request: /firstName must match pattern "\\S"',
    ],
    [
      'a 256-character last name',
      { lastName: 'x'.repeat(256) },
      'Invalid request: /lastName must NOT have more than 255 characters',
    ],
    [
      'a malformed ssn',
      { ssn: '12345' },
      'Invalid request: /ssn must match pattern "^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$"',
    ],
  ])('answers 400 for %s', async (_what, change, message) => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    expectError(await detailsStep(sb, r, change), 400, message);
  });

  it('accepts non-Latin names as sent', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    expect(
      (await detailsStep(sb, r, { firstName: 'Zoë', lastName: '李' })).body.user,
    ).toMatchObject({ firstName: 'Zoë', lastName: '李' });
  });
});

describe('Baanx step 5: address', () => {
  it('answers 400 before personal details', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    expectError(await addressStep(sb, r), 400, 'Address requires personal details first');
  });

  it('answers 400 "usState is required" for a US resident without usState', async () => {
    const sb = sandbox();
    expectError(
      await addressStep(sb, await upToDetails(sb, true), { usState: undefined }),
      400,
      'usState is required when countryOfResidence is US',
    );
  });

  it('answers 400 for a usState that is not a US postal abbreviation', async () => {
    const sb = sandbox();
    const res = await addressStep(sb, await upToDetails(sb, true), { usState: 'XX' });
    expect([res.status, res.body.message]).toEqual([
      400,
      'Invalid request: /usState must be equal to one of the allowed values',
    ]);
  });

  it('answers 400 when a non-US resident says the mailing address differs', async () => {
    const sb = sandbox();
    expectError(
      await addressStep(sb, await upToDetails(sb), { isSameMailingAddress: false }),
      400,
      'isSameMailingAddress must be true unless countryOfResidence is US',
    );
  });

  it('drops usState for a non-US resident (docs: null otherwise)', async () => {
    const sb = sandbox();
    expect(
      (await addressStep(sb, await upToDetails(sb), { usState: 'CA' })).body.user.usState,
    ).toBeNull();
  });

  it('answers 400 when isSameMailingAddress is missing', async () => {
    const sb = sandbox();
    const res = await addressStep(sb, await upToDetails(sb), { isSameMailingAddress: undefined });
    expect([res.status, res.body.message]).toEqual([
      400,
      "Invalid request: (body) must have required property 'isSameMailingAddress'",
    ]);
  });
});

describe('Baanx step 6: mailing address (US only)', () => {
  const mailing = (
    sb: ReturnType<typeof sandbox>,
    r: Registration,
    body: Record<string, unknown> = {},
  ) =>
    baanx(
      sb,
      'POST',
      '/v1/auth/register/mailing-address',
      {
        onboardingId: r.onboardingId,
        addressLine1: 'PO Box 1',
        city: 'New York',
        zip: '10001',
        usState: 'NY',
        ...body,
      },
      r.o,
    );

  it('answers 400 for a non-US resident', async () => {
    const sb = sandbox();
    expectError(
      await mailing(sb, await upToDetails(sb)),
      400,
      'Mailing address is only for US residents whose mailing address differs',
    );
  });

  it('answers 400 before the physical address', async () => {
    const sb = sandbox();
    expectError(
      await mailing(sb, await upToDetails(sb, true)),
      400,
      'Mailing address requires the physical address first',
    );
  });

  it('answers 400 without usState', async () => {
    const sb = sandbox();
    const r = await upToDetails(sb, true);
    await addressStep(sb, r, { isSameMailingAddress: false });
    const res = await mailing(sb, r, { usState: undefined });
    expect([res.status, res.body.message]).toEqual([
      400,
      "Invalid request: (body) must have required property 'usState'",
    ]);
  });

  it('answers 404 once registration completed at the address step', async () => {
    const sb = sandbox();
    const r = await upToDetails(sb, true);
    await addressStep(sb, r);
    expectError(await mailing(sb, r), 404, 'Onboarding not found');
  });
});

describe('Baanx onboarding lifetime', () => {
  it('answers 400 "Invalid onboarding ID" to every step once the onboarding is 60 minutes old', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    await advance(sb, '59m');
    expect((await detailsStep(sb, r)).status).toBe(200);
    await advance(sb, '1m');
    expectError(await addressStep(sb, r), 400, 'Invalid onboarding ID');
    expectError(
      await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`),
      400,
      'Invalid onboarding ID',
    );
  });

  it('honours the onboardingTtl option', async () => {
    const sb = testSandbox({ providers: [provider], options: { baanx: { onboardingTtl: '30m' } } });
    const r = await emailStep(sb);
    await advance(sb, '30m');
    expectError(
      await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`),
      400,
      'Invalid onboarding ID',
    );
  });

  it('answers 404 to steps after completion, while GET /v1/auth/register keeps answering for polling', async () => {
    const sb = sandbox();
    const r = await register(sb);
    expectError(await detailsStep(sb, r), 404, 'Onboarding not found');
    await advance(sb, '2h');
    expect(
      (await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`)).body,
    ).toMatchObject({ id: r.onboardingId, verificationState: 'UNVERIFIED' });
  });

  it('answers 400 "Invalid onboarding ID" to GET /v1/auth/register without or with a malformed onboardingId', async () => {
    const sb = sandbox();
    expectError(await baanx(sb, 'GET', '/v1/auth/register'), 400, 'Invalid onboarding ID');
    expectError(
      await baanx(sb, 'GET', '/v1/auth/register?onboardingId=../../etc'),
      400,
      'Invalid onboarding ID',
    );
  });
});
