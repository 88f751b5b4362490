import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  activeUser,
  advance,
  createUser,
  expectError,
  initiate,
  KEY,
  KYC_ID,
  kulipa,
  move,
  NOBODY,
  sandbox,
  setStatus,
  startKyc,
} from './testing.js';

const kycsOf = (sb: ReturnType<typeof sandbox>) =>
  sb.snapshot({ provider: 'kulipa' })[`kulipa:${KEY}`]?.kycs ?? [];

describe('Kulipa initiate KYC (PUT /v1/kycs)', () => {
  it('creates a pending full KYC whose url opens the sandbox webview: 201', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await initiate(sb, userId, 'full', {
      redirectUri: 'https://wallet.example/kyc-done',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(KYC_ID),
      userId,
      type: 'full',
      status: 'pending',
      url: `http://sandbox.test/verify/kulipa/${res.body.id}`,
      redirectUri: 'https://wallet.example/kyc-done',
      requestedInformation: null,
      declineReason: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-01-02T00:00:00.000Z',
      submittedAt: null,
      completedAt: null,
    });
    const page = await call(sb, 'GET', new URL(res.body.url).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kulipa verification');
  });

  it('accepts POST as well, since the docs do not agree on the method', async () => {
    const sb = sandbox();
    expect((await initiate(sb, await createUser(sb), 'full', {}, KEY, 'POST')).status).toBe(201);
  });

  it('answers POST with the route 404 when initiateMethods=put', async () => {
    const sb = sandbox({ options: { kulipa: { initiateMethods: 'put' } } });
    const userId = await createUser(sb);
    expectError(
      await initiate(sb, userId, 'full', {}, KEY, 'POST'),
      404,
      'not_found_error',
      'Route not found',
    );
    expect((await initiate(sb, userId)).status).toBe(201);
  });

  it('accepts a custom app scheme and a localhost http redirect', async () => {
    const sb = sandbox();
    expect(
      (await initiate(sb, await createUser(sb), 'full', { redirectUri: 'mywallet://kyc/done' }))
        .status,
    ).toBe(201);
    expect(
      (
        await initiate(sb, await createUser(sb), 'full', {
          redirectUri: 'http://localhost:3000/done',
        })
      ).status,
    ).toBe(201);
  });

  it.each([
    ['a missing userId', undefined, 'userId is required'],
    ['a numeric userId', 42, 'userId must be a string'],
    [
      'a userId of the wrong length',
      'usr-1234',
      'userId must be exactly 40 characters long (got 8)',
    ],
    ['a 41-character userId', `${NOBODY}0`, 'userId must be exactly 40 characters long (got 41)'],
    [
      'a userId with another prefix',
      'crd-00000000-0000-4000-8000-000000000000',
      "userId must begin with 'usr-'",
    ],
    [
      'an uppercase USR- prefix',
      'USR-00000000-0000-4000-8000-000000000000',
      "userId must begin with 'usr-'",
    ],
    [
      'a userId that is not a UUID after usr-',
      'usr-zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz',
      "userId must be 'usr-' followed by a UUID",
    ],
    [
      'a userId with a v1 UUID',
      'usr-6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'userId must contain a v4 UUID (found version 1)',
    ],
    [
      'a userId with a v7 UUID',
      'usr-01890a5d-ac96-774b-bcce-b302099a8057',
      'userId must contain a v4 UUID (found version 7)',
    ],
  ])('answers 400 for %s, saying which rule it breaks', async (_what, userId, message) => {
    const sb = sandbox();
    const res = await kulipa(sb, 'PUT', '/kycs', { userId, type: 'full' });
    expectError(res, 400, 'validation_error', message);
    expect(res.body.details.issues).toEqual([{ path: ['userId'], message }]);
  });

  it.each([
    ['a missing type', undefined, 'type is required'],
    ['an unknown type', 'selfie', 'type must be one of: full, shipping, rfi, import'],
    [
      'the old full-followup type (off by default)',
      'full-followup',
      'KYC type full-followup is not available',
    ],
    ['an uppercase type', 'FULL', 'type must be one of: full, shipping, rfi, import'],
    ['a numeric type', 1, 'type must be one of: full, shipping, rfi, import'],
    ['the light type (off by default)', 'light', 'KYC type light is not available'],
  ])('answers 400 for %s', async (_what, type, message) => {
    const sb = sandbox();
    expectError(
      await kulipa(sb, 'PUT', '/kycs', { userId: await createUser(sb), type }),
      400,
      'validation_error',
      message,
    );
    expect(kycsOf(sb)).toEqual([]);
  });

  it('answers 400 kyc_import_not_available_error for type import, as documented', async () => {
    const sb = sandbox();
    expectError(
      await initiate(sb, await createUser(sb), 'import'),
      400,
      'kyc_import_not_available_error',
      'KYC import is not available yet',
    );
  });

  it('accepts light with lightKyc=allow, except for EU and UK residents', async () => {
    const sb = sandbox({ options: { kulipa: { lightKyc: 'allow' } } });
    expect(
      (await initiate(sb, await createUser(sb, { countryOfResidence: 'BR' }), 'light')).status,
    ).toBe(201);
    expectError(
      await initiate(sb, await createUser(sb, { countryOfResidence: 'GB' }), 'light'),
      400,
      'validation_error',
      'KYC type light is not available for EU and UK residents',
    );
  });

  it.each([
    ['a javascript: URI', 'javascript:alert(1)'],
    ['plain http to a public host', 'http://wallet.example/done'],
    ['a number', 12],
    ['a relative path', '/done'],
    ['a 3000-character URI', `https://wallet.example/${'x'.repeat(3000)}`],
    ['localhost with credentials in front of another host', 'http://127.0.0.1@evil.example/'],
    ['a host that only starts like localhost', 'http://localhost.evil.example/'],
    ['an intent: URI', 'intent://scan/#Intent;scheme=zxing;package=com.example;end'],
  ])('answers 400 for a redirectUri that is %s', async (_what, redirectUri) => {
    const sb = sandbox();
    expectError(
      await initiate(sb, await createUser(sb), 'full', { redirectUri }),
      400,
      'validation_error',
      'redirectUri must be an https:// URL or an app scheme such as myapp://',
    );
  });

  it('answers 400 for a body that is not JSON, and 404 for a well-formed id nobody owns', async () => {
    const sb = sandbox();
    const res = await call(sb, 'PUT', '/kulipa/v1/kycs', {
      body: 'userId=usr-1',
      headers: { 'x-api-key': KEY, 'content-type': 'text/plain' },
    });
    expectError(res, 400, 'validation_error', 'Content-Type must be application/json');
    expectError(await initiate(sb, NOBODY), 404, 'not_found_error', 'User not found');
  });

  it.each([['frozen'], ['disabled'], ['deleted']])(
    'answers 400 invalid_user_status_error for a %s user',
    async (status) => {
      const sb = sandbox();
      const userId = await createUser(sb);
      await setStatus(sb, userId, status);
      expectError(
        await initiate(sb, userId, 'shipping'),
        400,
        'invalid_user_status_error',
        `Cannot initiate a KYC for a ${status} user`,
      );
    },
  );

  it('refuses rfi for a user who is not active yet', async () => {
    const sb = sandbox();
    expectError(
      await initiate(sb, await createUser(sb), 'rfi'),
      400,
      'invalid_user_status_error',
      'An rfi KYC can only be initiated for an active user',
    );
  });

  it('refuses a second full KYC once the user is active, and accepts rfi then', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    expectError(
      await initiate(sb, userId, 'full'),
      400,
      'user_already_verified_error',
      'User has already completed a full KYC',
    );
    expect((await initiate(sb, userId, 'rfi')).status).toBe(201);
  });

  it('answers the open KYC of the same type again (200) while its webview is live, with a new redirect', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const first = await initiate(sb, userId);
    const again = await initiate(sb, userId, 'full', {
      redirectUri: 'https://wallet.example/again',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: first.body.id,
      redirectUri: 'https://wallet.example/again',
    });
    expect((await initiate(sb, userId, 'shipping')).body.id).not.toBe(first.body.id);
  });

  it('refuses a new KYC of a type already under review', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await move(sb, await startKyc(sb, userId), 'submitted');
    expectError(
      await initiate(sb, userId),
      400,
      'kyc_in_review_error',
      'A full KYC for this user is already under review',
    );
  });

  it('expires the webview after kycTtl on the tenant clock, then starts a new KYC', async () => {
    const sb = sandbox({ options: { kulipa: { kycTtl: '30m' } } });
    const userId = await createUser(sb);
    const first = (await initiate(sb, userId)).body;
    expect(Date.parse(first.expiresAt) - Date.parse(first.createdAt)).toBe(30 * 60_000);
    await advance(sb, '30m');
    expect((await kulipa(sb, 'GET', `/kycs/${first.id}`)).body.status).toBe('expired');
    expect((await call(sb, 'GET', new URL(first.url).pathname)).status).toBe(410);
    const second = await initiate(sb, userId);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
  });

  it('starts a new full KYC after a declined one', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await move(sb, await startKyc(sb, userId), 'declined');
    expect((await initiate(sb, userId)).status).toBe(201);
  });
});
