// Capa's direct KYC link (POST /kyc/verification-link): the userId and personalInfo in the body,
// {status: "ok", data: {kycLink}}, the per-user link's checks and lifecycle.
import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  capa,
  createUser,
  decide,
  expectError,
  OTHER_KEY,
  PERSONAL_INFO,
  sessionIdOf,
} from './testing.js';

const direct = (sb: Sandbox, body: Record<string, unknown>, key?: string) =>
  capa(sb, 'POST', '/kyc/verification-link', body, key);

describe('Capa direct KYC link', () => {
  it('answers 201 {status: "ok", data: {kycLink}} and starts the KYC', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const res = await direct(sb, {
      userId,
      country: 'MX',
      partnerRedirectUri: 'myapp://kyc/done',
      personalInfo: PERSONAL_INFO,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      status: 'ok',
      data: {
        kycLink: expect.stringMatching(/^http:\/\/sandbox\.test\/verify\/capa\/[0-9a-f-]{36}$/),
      },
    });
    const details = (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data;
    expect(details.aipriseSummary.verificationResult).toBe('IN_PROGRESS');
    // What the partner sent is on record at once.
    expect(details.clientReferenceData).toEqual({ personalInfo: PERSONAL_INFO });
  });

  it("echoes the partner's personalInfo in the details once decided, and redirects like a per-user link", async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const link = (
      await direct(sb, {
        userId,
        country: 'MX',
        partnerRedirectUri: 'https://partner.example/done',
        personalInfo: PERSONAL_INFO,
      })
    ).body.data.kycLink;
    const page = await sb.app.request(new URL(link).pathname, {
      method: 'POST',
      body: new URLSearchParams({ state: 'VERIFIED' }),
    });
    expect(page.headers.get('location')).toBe(
      `https://partner.example/done?userId=${userId}&status=VERIFIED`,
    );
    const details = (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data;
    expect(details.clientReferenceData.personalInfo).toEqual(PERSONAL_INFO);
  });

  it('accepts DO without personalInfo (the pages require it for MX only)', async () => {
    const sb = testSandbox();
    expect((await direct(sb, { userId: await createUser(sb), country: 'DO' })).status).toBe(201);
  });

  it.each([
    ['personalInfo missing for MX', {}, '/personalInfo'],
    ['a userId that is not a UUID', { userId: 'nope' }, '/userId'],
    ['no userId', { userId: undefined }, '/'],
    [
      'an unknown profession',
      { personalInfo: { ...PERSONAL_INFO, profession: 'Pilot' } },
      '/personalInfo/profession',
    ],
    [
      'a phone number without its country code',
      { personalInfo: { ...PERSONAL_INFO, phoneNumber: '4401234567' } },
      '/personalInfo/phoneNumber',
    ],
    [
      'a javascript: redirect',
      { personalInfo: PERSONAL_INFO, partnerRedirectUri: 'javascript:alert(1)' },
      '/partnerRedirectUri',
    ],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_what, patch, path) => {
    const sb = testSandbox();
    const res = await direct(sb, { userId: await createUser(sb), country: 'MX', ...patch });
    expectError(res, 400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input');
    expect(res.body.details.issues[0].path).toBe(path);
  });

  it('answers the per-user link rows: 404 unknown user, 401 another partner, 400 type, template and 500', async () => {
    const sb = testSandbox();
    const base = { country: 'DO' };
    expectError(
      await direct(sb, { ...base, userId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND_ERROR',
      'Requested User was not found',
    );
    expectError(
      await direct(sb, { ...base, userId: await createUser(sb) }, OTHER_KEY),
      401,
      'UNAUTHORIZED',
      'User is not associated with the partner',
    );
    expectError(
      await direct(sb, { ...base, userId: await createUser(sb, { type: 'BUSINESS' }) }),
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'BUSINESS users can only request KYB verification',
    );
    expectError(
      await direct(sb, { country: 'LI', userId: await createUser(sb) }),
      400,
      'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
      'KYC template not configured for LI',
    );
    expectError(
      await direct(sb, { ...base, userId: await createUser(sb, { alias: 'link-error' }) }),
      500,
      'INTERNAL_SERVER_ERROR',
      'Failed to create verification link',
    );
  });

  it('answers 401 "Partner information is required" for a partner without partner information', async () => {
    const sb = testSandbox();
    const key = 'capa_test_no_partner_info_key_0001';
    expectError(
      await direct(sb, { country: 'DO', userId: await createUser(sb, {}, key) }, key),
      401,
      'UNAUTHORIZED',
      'Partner information is required for this operation',
    );
  });

  it('supersedes a per-user link, and refuses a new one once verified (409)', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const first = (
      await capa(sb, 'POST', `/users/${userId}/kyc/verification-link`, { country: 'DO' })
    ).body.data.kycLink;
    const second = (await direct(sb, { userId, country: 'DO' })).body.data.kycLink;
    expect((await call(sb, 'GET', new URL(first).pathname)).status).toBe(410);
    await decide(sb, sessionIdOf(second), 'VERIFIED');
    expectError(
      await direct(sb, { userId, country: 'DO' }),
      409,
      'CONFLICT',
      `User ${userId} has a KYC verification in status VERIFIED; no new link can be generated`,
    );
  });

  it('narrows the countries to MX and DO with countries=spec', async () => {
    const sb = testSandbox({ options: { capa: { countries: 'spec' } } });
    expectError(
      await direct(sb, { userId: await createUser(sb), country: 'ES' }),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });
});
