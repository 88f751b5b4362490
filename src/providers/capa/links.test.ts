// Capa verification links: creation, validation (countries, redirects, users), expiry and supersession.
import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { capa, createLink, createUser, expectError, sessionIdOf } from './testing.js';

describe('Capa verification links', () => {
  it('generates a KYC link at the sandbox public URL: 201 {success, data:{kycLink}}', async () => {
    const sb = testSandbox();
    const res = await createLink(sb, await createUser(sb), {
      partnerRedirectUri: 'https://partner.example/done',
    });
    expect(res.status).toBe(201);
    expect(res.body.data.kycLink).toMatch(/^http:\/\/sandbox\.test\/verify\/capa\/[0-9a-f-]{36}$/);
    const page = await call(sb, 'GET', new URL(res.body.data.kycLink).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Capa verification');
  });

  it('accepts a custom mobile scheme as partnerRedirectUri', async () => {
    const sb = testSandbox();
    expect(
      (await createLink(sb, await createUser(sb), { partnerRedirectUri: 'myapp://kyc/done' }))
        .status,
    ).toBe(201);
  });

  it.each([
    ['a country outside the 39 codes', { country: 'AR' }],
    ['a lowercase country', { country: 'mx' }],
    ['a missing country', { country: undefined }],
    ['a javascript: redirect', { partnerRedirectUri: 'javascript:alert(1)' }],
    [
      'a plain http redirect to a public host',
      { partnerRedirectUri: 'http://partner.example/done' },
    ],
    [
      'a redirect with credentials before a local host',
      { partnerRedirectUri: 'http://127.0.0.1@evil.example/' },
    ],
    [
      'a redirect to a host that only starts with localhost',
      { partnerRedirectUri: 'http://localhost.evil.example/' },
    ],
    [
      'a redirect with a scheme that leaves the app',
      { partnerRedirectUri: 'intent://scan/#Intent;scheme=zxing;end' },
    ],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_what, body) => {
    const sb = testSandbox();
    expectError(
      await createLink(sb, await createUser(sb), body),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('accepts http on localhost as partnerRedirectUri, and the hosted page follows it', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const res = await createLink(sb, userId, { partnerRedirectUri: 'http://localhost:3000/done' });
    expect(res.status).toBe(201);
    const page = await sb.app.request(new URL(res.body.data.kycLink).pathname, {
      method: 'POST',
      body: new URLSearchParams({ state: 'VERIFIED' }),
    });
    expect(page.headers.get('location')).toBe(
      `http://localhost:3000/done?userId=${userId}&status=VERIFIED`,
    );
  });

  it('answers 400 INVALID_USER_INPUT_ERROR for a userId that is not a UUID', async () => {
    expectError(
      await createLink(testSandbox(), 'not-a-uuid'),
      400,
      'INVALID_USER_INPUT_ERROR',
      'Invalid User Input',
    );
  });

  it('answers 404 NOT_FOUND_ERROR for an unknown user', async () => {
    expectError(
      await createLink(testSandbox(), '00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND_ERROR',
      'Requested User was not found',
    );
  });

  it('answers 400 INVALID_VERIFICATION_TYPE_FOR_USER when a BUSINESS user asks for KYC and an INDIVIDUAL for KYB', async () => {
    const sb = testSandbox();
    const business = await createUser(sb, { type: 'BUSINESS' });
    expectError(
      await createLink(sb, business),
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'BUSINESS users can only request KYB verification',
    );
    const person = await createUser(sb);
    expectError(
      await createLink(sb, person, {}, undefined, 'kyb'),
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'INDIVIDUAL users can only request KYC verification',
    );
  });

  it('answers 400 KYC_TEMPLATE_NOT_CONFIGURED_ERROR for a listed country without a template', async () => {
    const sb = testSandbox();
    expectError(
      await createLink(sb, await createUser(sb), { country: 'VA' }),
      400,
      'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
      'KYC template not configured for VA',
    );
  });

  it('answers 400 KYB_TEMPLATE_NOT_CONFIGURED_ERROR for a KYB country without a template', async () => {
    const sb = testSandbox();
    expectError(
      await createLink(
        sb,
        await createUser(sb, { type: 'BUSINESS' }),
        { country: 'PL' },
        undefined,
        'kyb',
      ),
      400,
      'KYB_TEMPLATE_NOT_CONFIGURED_ERROR',
      'KYB template not configured for PL',
    );
  });

  it('answers 500 "Failed to create verification link" for the link-error alias', async () => {
    const sb = testSandbox();
    expectError(
      await createLink(sb, await createUser(sb, { alias: 'link-error' })),
      500,
      'INTERNAL_SERVER_ERROR',
      'Failed to create verification link',
    );
  });

  it('answers 500 through the INTERNAL_SERVER_ERROR scenario header', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const res = await capa(
      sb,
      'POST',
      `/users/${userId}/kyc/verification-link`,
      { country: 'MX' },
      undefined,
      { 'x-sandbox-scenario': 'INTERNAL_SERVER_ERROR' },
    );
    expectError(res, 500, 'INTERNAL_SERVER_ERROR', 'Failed to create verification link');
  });

  it('generates a KYB link for a BUSINESS user and shows it in KYB details', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb, { type: 'BUSINESS' });
    const res = await createLink(sb, userId, { country: 'ES' }, undefined, 'kyb');
    expect(res.status).toBe(201);
    const details = await capa(sb, 'GET', `/kyb/details?userId=${userId}`);
    expect(details.body).toMatchObject({
      status: 'ok',
      data: {
        verificationStatus: 'IN_PROGRESS',
        sessionUrl: res.body.data.kybLink,
        businessInfo: null,
        beneficialOwners: [],
      },
    });
  });

  it('expires a link after the TTL on the tenant clock, then lets a new one be generated', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const first = (await createLink(sb, userId)).body.data.kycLink;
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'capa', tenant: 'capa_test_partner_key_000000000001', by: '24h' },
    });
    expect((await call(sb, 'GET', new URL(first).pathname)).status).toBe(410);
    const session = await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(first)}`);
    expect(session.body).toMatchObject({ link: 'expired', state: 'IN_PROGRESS' });
    const second = (await createLink(sb, userId)).body.data.kycLink;
    expect(second).not.toBe(first);
    expect((await call(sb, 'GET', new URL(second).pathname)).status).toBe(200);
  });

  it('honours a configured link TTL and the 200 status variant', async () => {
    const sb = testSandbox({
      options: { capa: { linkTtl: '30m', linkStatus: '200', envelope: 'status-ok' } },
    });
    const res = await createLink(sb, await createUser(sb));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    const view = await call(sb, 'GET', `/_sandbox/sessions/${sessionIdOf(res.body.data.kycLink)}`);
    expect(Date.parse(view.body.expiresAt) - Date.parse(view.body.createdAt)).toBe(30 * 60_000);
  });

  it('supersedes an older live link when a new one is generated', async () => {
    const sb = testSandbox();
    const userId = await createUser(sb);
    const first = (await createLink(sb, userId)).body.data.kycLink;
    await createLink(sb, userId);
    expect((await call(sb, 'GET', new URL(first).pathname)).status).toBe(410);
  });

  it('narrows the countries to MX and DO with the countries=spec variant (partner_api_v2.json)', async () => {
    const sb = testSandbox({ options: { capa: { countries: 'spec' } } });
    const userId = await createUser(sb);
    const res = await createLink(sb, userId, { country: 'US' });
    expectError(res, 400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input');
    expect(res.body.details.issues).toEqual([
      { path: '/country', message: 'must be one of MX, DO (countries=spec)' },
    ]);
    expect((await createLink(sb, userId, { country: 'DO' })).status).toBe(201);
  });

  it('keeps the 39 documented countries by default', async () => {
    const sb = testSandbox();
    expect((await createLink(sb, await createUser(sb), { country: 'US' })).status).toBe(201);
  });

  it('answers the unwrapped {kycLink} of the page prose with envelope=prose, and keeps KYB wrapped', async () => {
    const sb = testSandbox({ options: { capa: { envelope: 'prose' } } });
    const res = await createLink(sb, await createUser(sb));
    expect(res.body).toEqual({
      kycLink: expect.stringMatching(/^http:\/\/sandbox\.test\/verify\/capa\//),
    });
    const biz = await createUser(sb, { type: 'BUSINESS' });
    const kyb = await createLink(sb, biz, { country: 'MX' }, undefined, 'kyb');
    expect(kyb.body).toEqual({ success: true, data: { kybLink: expect.any(String) } });
  });
});
