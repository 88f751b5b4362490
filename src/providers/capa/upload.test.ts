// Capa's partner-run KYC upload (POST /kyc/send-verification): JSON as the published OpenAPI and the
// official SDK send it, multipart with files as the reference page documents; submitted at once.
import { afterEach, describe, expect, it } from 'vitest';
import { call, receiver, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import {
  BASE,
  capa,
  createUser,
  decide,
  expectError,
  KEY,
  OTHER_KEY,
  PERSONAL_INFO,
  withLink,
} from './testing.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const send = (sb: Sandbox, body: Record<string, unknown>, key?: string) =>
  capa(sb, 'POST', '/kyc/send-verification', body, key);

/** A multipart body as a browser or form-data would send it. */
async function multipart(
  sb: Sandbox,
  fields: Record<string, string>,
  files: readonly string[] = ['frontId', 'backId', 'selfie'],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const name of files)
    form.append(
      name,
      new Blob(['\xff\xd8 not really a jpeg'], { type: 'image/jpeg' }),
      `${name}.jpg`,
    );
  const encoded = new Response(form);
  return call(sb, 'POST', `${BASE}/kyc/send-verification`, {
    headers: { 'partner-api-key': KEY, 'content-type': encoded.headers.get('content-type')! },
    body: await encoded.text(),
  });
}

const kyc = async (sb: Sandbox, userId: string) =>
  (await capa(sb, 'GET', `/kyc/details?userId=${userId}`)).body.data;

const sessions = async (sb: Sandbox, userId: string) =>
  (await call(sb, 'GET', '/_sandbox/sessions?provider=capa')).body.filter(
    (s: { subject: string }) => s.subject === userId,
  );

describe('Capa KYC upload (send-verification)', () => {
  it('answers 201 with no body to a JSON upload, submits the KYC and sends CREATED_KYC', async () => {
    const sb = testSandbox();
    const hook = await receiver();
    closers.push(hook.close);
    await capa(sb, 'PUT', '/webhook-settings', { url: hook.url });
    const userId = await createUser(sb, { externalUserId: 'ext-7' });
    const res = await send(sb, {
      userId,
      country: 'MX',
      documentType: 'VOTER_ID',
      personalInfo: PERSONAL_INFO,
    });
    expect([res.status, res.text]).toEqual([201, '']);
    await sb.webhooks.flush();
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([
      { type: 'KYC', event: 'CREATED_KYC', externalUserId: 'ext-7', userId },
    ]);
    expect((await kyc(sb, userId)).aipriseSummary.verificationResult).toBe('IN_PROGRESS');
    const [session] = await sessions(sb, userId);
    expect(session).toMatchObject({ state: 'IN_PROGRESS', link: 'used' });
    expect((await call(sb, 'GET', new URL(session.url).pathname)).status).toBe(410);
  });

  it("takes Capa's decision later from an operator: only the outcome event follows", async () => {
    const sb = testSandbox();
    const hook = await receiver();
    closers.push(hook.close);
    await capa(sb, 'PUT', '/webhook-settings', { url: hook.url });
    const userId = await createUser(sb);
    await send(sb, {
      userId,
      country: 'MX',
      documentType: 'VOTER_ID',
      personalInfo: PERSONAL_INFO,
    });
    const [session] = await sessions(sb, userId);
    expect((await decide(sb, session.id, 'VERIFIED')).status).toBe(200);
    await sb.webhooks.flush();
    expect(hook.received.map((r) => JSON.parse(r.body).event)).toEqual([
      'CREATED_KYC',
      'VERIFIED_USER',
    ]);
    const d = await kyc(sb, userId);
    expect(d.idInfo.idType).toBe('INE'); // a Mexican VOTER_ID is the INE credential
    expect(d.clientReferenceData.personalInfo).toEqual(PERSONAL_INFO);
  });

  it('keeps the documentType as idType outside Mexico', async () => {
    const sb = testSandbox({ options: { capa: { uploadOutcome: 'VERIFIED' } } });
    const userId = await createUser(sb);
    await send(sb, { userId, country: 'DO', documentType: 'PASSPORT' });
    const d = await kyc(sb, userId);
    expect(d.aipriseSummary.verificationResult).toBe('VERIFIED');
    expect(d.idInfo.idType).toBe('PASSPORT');
  });

  it('decides at once with uploadOutcome=REJECTED', async () => {
    const sb = testSandbox({ options: { capa: { uploadOutcome: 'REJECTED' } } });
    const userId = await createUser(sb);
    await send(sb, { userId, country: 'DO', documentType: 'NATIONAL_ID' });
    expect((await kyc(sb, userId)).aipriseSummary.verificationResult).toBe('REJECTED');
    expect(
      (await capa(sb, 'GET', '/webhook-notifications')).body.data.map(
        (n: { event: string }) => n.event,
      ),
    ).toEqual(['CREATED_KYC', 'REJECTED_KYC']);
  });

  it('accepts the multipart form of the reference page, with personalInfo as a JSON part', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const res = await multipart(sb, {
      userId,
      country: 'MX',
      documentType: 'NATIONAL_ID',
      personalInfo: JSON.stringify(PERSONAL_INFO),
    });
    expect(res.status).toBe(201);
    const [session] = await sessions(sb, userId);
    expect(session.state).toBe('IN_PROGRESS');
  });

  it('answers 400 for a multipart upload without its files, naming each', async () => {
    const sb = testSandbox();
    const res = await multipart(
      sb,
      { userId: await createUser(sb), country: 'DO', documentType: 'PASSPORT' },
      ['frontId'],
    );
    expectError(res, 400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input');
    expect(res.body.details.issues).toEqual([
      { path: '/backId', message: 'a file is required' },
      { path: '/selfie', message: 'a file is required' },
    ]);
  });

  it('answers 400 for a multipart personalInfo that is not JSON', async () => {
    const sb = testSandbox();
    const res = await multipart(sb, {
      userId: await createUser(sb),
      country: 'MX',
      documentType: 'PASSPORT',
      personalInfo: '{profession: Employee',
    });
    expectError(res, 400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input');
  });

  it('refuses JSON with uploadFormat=multipart and multipart with uploadFormat=json', async () => {
    const strict = testSandbox({ options: { capa: { uploadFormat: 'multipart' } } });
    expectError(
      await send(strict, {
        userId: await createUser(strict),
        country: 'DO',
        documentType: 'PASSPORT',
      }),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
    const json = testSandbox({ options: { capa: { uploadFormat: 'json' } } });
    expectError(
      await multipart(json, {
        userId: await createUser(json),
        country: 'DO',
        documentType: 'PASSPORT',
      }),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it.each([
    ['an unknown documentType', { documentType: 'DRIVING_LICENSE' }],
    ['personalInfo missing for MX', { country: 'MX' }],
    ['a userId that is not a UUID', { userId: '42' }],
    ['a country outside the list', { country: 'AR' }],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_what, patch) => {
    const sb = testSandbox();
    expectError(
      await send(sb, {
        userId: await createUser(sb),
        country: 'DO',
        documentType: 'PASSPORT',
        ...patch,
      }),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('answers the link rows for the user: 404, 401, type 400 and template 400', async () => {
    const sb = testSandbox();
    const body = { country: 'DO', documentType: 'PASSPORT' };
    expectError(
      await send(sb, { ...body, userId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND_ERROR',
      'Requested User was not found',
    );
    expectError(
      await send(sb, { ...body, userId: await createUser(sb) }, OTHER_KEY),
      401,
      'UNAUTHORIZED',
      'User is not associated with the partner',
    );
    expectError(
      await send(sb, { ...body, userId: await createUser(sb, { type: 'BUSINESS' }) }),
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'BUSINESS users can only request KYB verification',
    );
    expectError(
      await send(sb, { ...body, country: 'VA', userId: await createUser(sb) }),
      400,
      'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
      'KYC template not configured for VA',
    );
  });

  it('answers 409 once the KYC was submitted, and accepts a new upload after a rejection', async () => {
    const sb = testSandbox();
    const { userId, sessionId } = await withLink(sb, { country: 'DO' });
    const body = { userId, country: 'DO', documentType: 'PASSPORT' };
    expect((await send(sb, body)).status).toBe(201); // supersedes the live link
    expectError(
      await send(sb, body),
      409,
      'CONFLICT',
      `User ${userId} has a KYC verification in status IN_PROGRESS; no KYC can be sent for it`,
    );
    expect((await call(sb, 'GET', `/_sandbox/sessions/${sessionId}`)).body.link).toBe('superseded');
    const [upload] = (await sessions(sb, userId)).filter((s: { id: string }) => s.id !== sessionId);
    await decide(sb, upload.id, 'REJECTED', 'Document expired');
    expect((await send(sb, body)).status).toBe(201);
  });
});
