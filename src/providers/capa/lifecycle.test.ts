// Capa KYC/KYB lifecycle: transitions, details, hosted-page completion and seeded data.
import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import { capa, createLink, createUser, expectError, sessionIdOf } from './testing.js';

async function started(sb: Sandbox, redirect?: string) {
  const userId = await createUser(sb, { externalUserId: `ext-${Math.floor(Math.random() * 1e9)}` });
  const link = (await createLink(sb, userId, redirect ? { partnerRedirectUri: redirect } : {})).body
    .data.kycLink as string;
  return { userId, link, sessionId: sessionIdOf(link) };
}

const move = (sb: Sandbox, id: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state, reason } });
const kycStatus = async (sb: Sandbox, userId: string) =>
  (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data?.aipriseSummary
    .verificationResult;

describe('Capa KYC lifecycle', () => {
  it('answers 404 "Requested KYC verification was not found" before any link exists', async () => {
    const sb = testSandbox();
    expectError(
      await capa(sb, 'GET', `/kyc/details?userId=${await createUser(sb)}`),
      404,
      'NOT_FOUND_ERROR',
      'Requested KYC verification was not found',
    );
  });

  it('moves NOT_STARTED → IN_PROGRESS when a link is generated', async () => {
    const sb = testSandbox();
    const { userId } = await started(sb);
    expect(await kycStatus(sb, userId)).toBe('IN_PROGRESS');
  });

  it.each([['VERIFIED'], ['REJECTED'], ['REVIEW_NEEDED']])(
    'moves IN_PROGRESS → %s and fills the details with fake identity data',
    async (state) => {
      const sb = testSandbox();
      const { userId, sessionId } = await started(sb);
      expect((await move(sb, sessionId, state)).status).toBe(200);
      const details = (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data;
      expect(details.aipriseSummary.verificationResult).toBe(state);
      expect(details.idInfo.fullName).toEqual(expect.any(String));
      // Without a listed reason the decision lands on the identity check.
      expect(details.idInfo.result).toBe(
        state === 'VERIFIED' ? 'PASSED' : state === 'REJECTED' ? 'FAILED' : 'REVIEW',
      );
    },
  );

  it.each([['VERIFIED'], ['REJECTED']])('moves REVIEW_NEEDED → %s', async (state) => {
    const sb = testSandbox();
    const { userId, sessionId } = await started(sb);
    await move(sb, sessionId, 'REVIEW_NEEDED');
    expect((await move(sb, sessionId, state)).body.state).toBe(state);
    expect(await kycStatus(sb, userId)).toBe(state);
  });

  it('lets a REJECTED user get a new link and start again (REJECTED → IN_PROGRESS)', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await started(sb);
    await move(sb, sessionId, 'REJECTED');
    expect((await createLink(sb, userId)).status).toBe(201);
    expect(await kycStatus(sb, userId)).toBe('IN_PROGRESS');
  });

  it('refuses an illegal transition (VERIFIED → REJECTED) with a sandbox error naming the allowed moves', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await started(sb);
    await move(sb, sessionId, 'VERIFIED');
    const res = await move(sb, sessionId, 'REJECTED');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      type: 'sandbox_error',
      code: 'illegal_transition',
      hint: 'allowed from VERIFIED: none (final)',
    });
    expect(await kycStatus(sb, userId)).toBe('VERIFIED');
  });

  it('refuses a new link once verified (409) and keeps the state', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await started(sb);
    await move(sb, sessionId, 'VERIFIED');
    expectError(
      await createLink(sb, userId),
      409,
      'CONFLICT',
      `User ${userId} has a KYC verification in status VERIFIED; no new link can be generated`,
    );
  });

  it('completes from the hosted page and redirects to the partnerRedirectUri, custom schemes included', async () => {
    const sb = testSandbox();
    const { userId, link } = await started(sb, 'myapp://kyc/done');
    const res = await sb.app.request(new URL(link).pathname, {
      method: 'POST',
      body: new URLSearchParams({ state: 'VERIFIED' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`myapp://kyc/done?userId=${userId}&status=VERIFIED`);
    expect(await kycStatus(sb, userId)).toBe('VERIFIED');
    expect((await call(sb, 'GET', new URL(link).pathname)).status).toBe(410);
  });

  it('fills the same details for the same seed and differs for another seed', async () => {
    const details = async (seed: string) => {
      const sb = testSandbox({ seed });
      const { userId, sessionId } = await started(sb);
      await move(sb, sessionId, 'VERIFIED');
      return { userId, body: (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body };
    };
    const [a, b, c] = [await details('s1'), await details('s1'), await details('s2')];
    expect(a.userId).toBe(b.userId);
    expect(a.body.data.idInfo).toEqual(b.body.data.idInfo);
    expect(c.body.data.idInfo).not.toEqual(a.body.data.idInfo);
  });

  it('answers 500 "Failed to get user KYC details" for the details-error alias', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb, { alias: 'details-error' });
    await createLink(sb, userId);
    expectError(
      await capa(sb, 'GET', `/kyc/details?userId=${userId}`),
      500,
      'INTERNAL_SERVER_ERROR',
      'Failed to get user KYC details',
    );
  });

  it('answers KYB details errors: 404 before a link, 500 for details-error', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    expectError(
      await capa(sb, 'GET', `/kyb/details?userId=${biz}`),
      404,
      'NOT_FOUND_ERROR',
      'Requested KYB verification was not found',
    );
    const broken = await createUser(sb, { type: 'BUSINESS', alias: 'details-error' });
    expectError(
      await capa(sb, 'GET', `/kyb/details?userId=${broken}`),
      500,
      'INTERNAL_SERVER_ERROR',
      'Failed to get user KYB details',
    );
  });

  it('moves a KYB verification through the admin API and fills the business', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    const link = (await createLink(sb, biz, { country: 'DE' }, undefined, 'kyb')).body.data.kybLink;
    await move(sb, sessionIdOf(link), 'VERIFIED');
    const details = (await capa(sb, 'GET', `/kyb/details?userId=${biz}`)).body.data;
    expect(details).toMatchObject({
      verificationStatus: 'VERIFIED',
      sessionUrl: null,
      businessInfo: { countryOfConstitution: 'DE' },
    });
  });
});
