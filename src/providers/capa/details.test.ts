// Capa KYC and KYB details: the documented bodies and values, decision reasons as {code, message}
// on the check they concern, the partner's personalInfo echoed, and the pages' own 404s.
import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  capa,
  createLink,
  createUser,
  decide,
  expectError,
  OTHER_KEY,
  sessionIdOf,
  withLink,
} from './testing.js';

const kyc = async (sb: Sandbox, userId: string) =>
  (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data;

/** The hosted page at its last step (the outcomes and the identity's facts), as the person reaches it. */
async function reviewPage(sb: Sandbox, link: string) {
  const path = new URL(link).pathname;
  for (const from of ['0', '1', '2'])
    await sb.app.request(`${path}/next`, {
      method: 'POST',
      body: new URLSearchParams({ from, ...(from === '0' ? { agree: 'yes' } : {}) }),
    });
  return (await call(sb, 'GET', path)).text;
}

/** As hono/jsx escapes text. */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

describe('Capa KYC details', () => {
  it("answers a verified MX user with the values of Capa's example", async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb, { country: 'MX' });
    await decide(sb, sessionId, 'VERIFIED');
    const d = await kyc(sb, userId);
    expect(d).toMatchObject({
      aipriseSummary: { verificationResult: 'VERIFIED' },
      clientReferenceId: userId,
      verificationSessionId: expect.stringMatching(/^vs_[0-9a-f]{16}$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      faceLivenessInfo: { result: 'PASSED', status: 'APPROVED', statusReasons: [], warnings: [] },
      faceMatchInfo: { result: 'PASSED', status: 'APPROVED', statusReasons: [] },
      fraudInsights: { result: 'CLEAN', status: 'APPROVED', statusReasons: [] },
      idInfo: {
        idType: 'INE',
        nationality: 'MX',
        gender: expect.stringMatching(/^[MF]$/),
        idNumber: expect.stringMatching(/^[A-Z]\d{8}$/),
        birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        result: 'PASSED',
        status: 'APPROVED',
      },
      amlInfo: { numHits: 0, entityHits: [] },
      clientReferenceData: {
        personalInfo: {
          profession: expect.any(String),
          phoneNumber: expect.stringMatching(/^\+52\d{10}$/),
          birthCountry: 'MX',
          taxId: expect.stringMatching(/^[A-Z]{4}\d{6}[A-Z0-9]{3}$/),
        },
      },
    });
    expect(d.faceMatchInfo.faceMatchScore).toBeGreaterThanOrEqual(0.86);
    expect(d.faceMatchInfo.faceMatchScore).toBeLessThanOrEqual(0.99);
  });

  it('reads the identity document of the country: CEDULA in DO', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb, { country: 'DO' });
    await decide(sb, sessionId, 'VERIFIED');
    expect((await kyc(sb, userId)).idInfo.idType).toBe('CEDULA');
  });

  it.each([
    ['Face does not match the document', 'faceMatchInfo', 'FACE_MISMATCH'],
    ['Document expired', 'idInfo', 'DOCUMENT_EXPIRED'],
    ['Liveness check failed', 'faceLivenessInfo', 'LIVENESS_FAILED'],
  ])('puts the rejection reason "%s" on %s as {code: %s}', async (reason, check, code) => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb);
    await decide(sb, sessionId, 'REJECTED', reason);
    const d = await kyc(sb, userId);
    expect(d.aipriseSummary.verificationResult).toBe('REJECTED');
    expect(d[check]).toMatchObject({
      result: 'FAILED',
      status: 'DECLINED',
      statusReasons: [{ code, message: reason }],
    });
    for (const other of ['idInfo', 'faceLivenessInfo', 'faceMatchInfo'].filter((c) => c !== check))
      expect(d[other]).toMatchObject({ result: 'PASSED', statusReasons: [] });
  });

  it('scores a face mismatch below the passing range', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb);
    await decide(sb, sessionId, 'REJECTED', 'Face does not match the document');
    expect((await kyc(sb, userId)).faceMatchInfo.faceMatchScore).toBeLessThanOrEqual(0.55);
  });

  it('flags a watchlist match in fraudInsights and lists the hit in amlInfo', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb);
    await decide(sb, sessionId, 'REJECTED', 'Watchlist match');
    const d = await kyc(sb, userId);
    expect(d.fraudInsights).toMatchObject({
      result: 'FLAGGED',
      status: 'DECLINED',
      statusReasons: [{ code: 'WATCHLIST_MATCH', message: 'Watchlist match' }],
    });
    expect(d.amlInfo.numHits).toBe(1);
    expect(d.amlInfo.entityHits[0]).toMatchObject({
      entityType: 'person',
      name: d.idInfo.fullName,
      dateOfBirth: d.idInfo.birthDate,
      resolutionStatus: 'UNRESOLVED',
    });
  });

  it('sends a review to the check it concerns, and a reason it does not list to idInfo as OTHER', async () => {
    const sb = testSandbox();
    const a = await withLink(sb);
    await decide(sb, a.sessionId, 'REVIEW_NEEDED', 'Selfie needs a manual check');
    expect((await kyc(sb, a.userId)).faceLivenessInfo).toMatchObject({
      result: 'REVIEW',
      status: 'REVIEW_NEEDED',
      statusReasons: [{ code: 'SELFIE_NEEDS_REVIEW', message: 'Selfie needs a manual check' }],
    });
    const b = await withLink(sb);
    await decide(sb, b.sessionId, 'REJECTED', 'Partner asked for it');
    expect((await kyc(sb, b.userId)).idInfo.statusReasons).toEqual([
      { code: 'OTHER', message: 'Partner asked for it' },
    ]);
  });

  it('maps the reasons the hosted page offers to reason objects', async () => {
    const sb = testSandbox();
    const { userId, link } = await withLink(sb);
    expect(await reviewPage(sb, link)).toContain('Face does not match the document');
    await sb.app.request(new URL(link).pathname, {
      method: 'POST',
      body: new URLSearchParams({ state: 'REJECTED', reason: 'Document expired' }),
    });
    expect((await kyc(sb, userId)).idInfo.statusReasons).toEqual([
      { code: 'DOCUMENT_EXPIRED', message: 'Document expired' },
    ]);
  });

  it('leaves the results null while the verification is in progress', async () => {
    const sb = testSandbox();
    const { userId } = await withLink(sb);
    expect(await kyc(sb, userId)).toMatchObject({
      aipriseSummary: { verificationResult: 'IN_PROGRESS' },
      clientReferenceData: null,
      idInfo: null,
      faceMatchInfo: null,
      amlInfo: null,
      media: null,
    });
  });

  it('answers the unwrapped prose example with envelope=prose', async () => {
    const sb = testSandbox({ options: { capa: { envelope: 'prose' } } });
    const userId = await createUser(sb);
    expect((await createLink(sb, userId)).status).toBe(201);
    const res = await capa(sb, 'GET', `/kyc/details?userId=${userId}`);
    expect(res.body.aipriseSummary).toEqual({ verificationResult: 'IN_PROGRESS' });
  });

  it.each([
    ['a userId that is not a UUID', 'not-a-uuid'],
    ['an unknown user', '00000000-0000-4000-8000-000000000000'],
    ['no userId', ''],
  ])(
    'answers 404 "Requested KYC verification was not found" for %s (the page lists no 400)',
    async (_what, id) => {
      expectError(
        await capa(testSandbox(), 'GET', `/kyc/details?userId=${id}`),
        404,
        'NOT_FOUND_ERROR',
        'Requested KYC verification was not found',
      );
    },
  );

  it('answers 404 for KYC details of a BUSINESS user and KYB details of an INDIVIDUAL', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    await createLink(sb, biz, { country: 'MX' }, undefined, 'kyb');
    expectError(
      await capa(sb, 'GET', `/kyc/details?userId=${biz}`),
      404,
      'NOT_FOUND_ERROR',
      'Requested KYC verification was not found',
    );
    const { userId } = await withLink(sb);
    expectError(
      await capa(sb, 'GET', `/kyb/details?userId=${userId}`),
      404,
      'NOT_FOUND_ERROR',
      'Requested KYB verification was not found',
    );
  });

  it('answers 401 "User is not associated with the partner" for KYB details of another partner\'s user', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    expectError(
      await capa(sb, 'GET', `/kyb/details?userId=${biz}`, undefined, OTHER_KEY),
      401,
      'UNAUTHORIZED',
      'User is not associated with the partner',
    );
  });
});

describe('Capa KYB details', () => {
  it('answers the documented body: business, owners, session and creation time', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    const link = (await createLink(sb, biz, { country: 'MX' }, undefined, 'kyb')).body.data.kybLink;
    const before = (await capa(sb, 'GET', `/kyb/details?userId=${biz}`)).body;
    expect(before).toEqual({
      status: 'ok',
      data: {
        verificationStatus: 'IN_PROGRESS',
        businessInfo: null,
        beneficialOwners: [],
        verificationSessionId: expect.stringMatching(/^vs_[0-9a-f]{16}$/),
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        sessionUrl: link,
      },
    });
    await decide(sb, sessionIdOf(link), 'VERIFIED');
    const after = (await capa(sb, 'GET', `/kyb/details?userId=${biz}`)).body.data;
    expect(after).toMatchObject({
      verificationStatus: 'VERIFIED',
      businessInfo: {
        businessName: expect.any(String),
        countryOfConstitution: 'MX',
        taxId: expect.stringMatching(/^[A-Z]{3}\d{6}[A-Z0-9]{3}$/),
      },
      verificationSessionId: before.data.verificationSessionId,
      sessionUrl: null,
    });
    const owners = after.beneficialOwners as { fullName: string; ownershipPercent: number }[];
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.reduce((sum, o) => sum + o.ownershipPercent, 0)).toBe(100);
  });

  it('shows the same business on the hosted page as the details will', async () => {
    const sb = testSandbox();
    const biz = await createUser(sb, { type: 'BUSINESS' });
    const link = (await createLink(sb, biz, { country: 'ES' }, undefined, 'kyb')).body.data.kybLink;
    const page = await reviewPage(sb, link);
    await decide(sb, sessionIdOf(link), 'REJECTED', 'Document expired');
    const { businessInfo, beneficialOwners } = (await capa(sb, 'GET', `/kyb/details?userId=${biz}`))
      .body.data;
    expect(page).toContain(html(businessInfo.businessName));
    expect(page).toContain(businessInfo.taxId);
    expect(page).toContain(html(beneficialOwners[0].fullName));
  });

  it('shows the same person on the hosted page as the KYC details will', async () => {
    const sb = testSandbox();
    const { userId, link, sessionId } = await withLink(sb);
    const page = await reviewPage(sb, link);
    await decide(sb, sessionId, 'VERIFIED');
    const { idInfo } = await kyc(sb, userId);
    expect(page).toContain(html(idInfo.fullName));
    expect(page).toContain(`INE ${idInfo.idNumber}`);
  });
});
