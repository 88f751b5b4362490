// Faceki KYC links: expiry, null fields, variant and reuse options, unknown paths and body limits.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  advance,
  BLAZE,
  blazeBody,
  createLink,
  creds,
  expectCode,
  fk,
  INVALID,
  move,
  postLink as post,
  sandbox,
  tokenFor,
  v2Body,
  V2,
} from './testing.js';

describe('Faceki KYC links', () => {
  it('expires a link after expiryTime minutes on the tenant clock', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const { id, url } = await createLink(sb, token, v2Body({ expiryTime: '5' }));
    await advance(sb, V2.clientId, '4m');
    expect((await call(sb, 'GET', new URL(url).pathname)).status).toBe(200);
    await advance(sb, V2.clientId, '1m');
    expect((await call(sb, 'GET', new URL(url).pathname)).status).toBe(410);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body).toMatchObject({
      state: 'EXPIRED',
      link: 'expired',
      next: [],
    });
  });

  it.each([
    ['absent', {}],
    ['"0"', { expiryTime: '0' }],
  ])('uses the default expiry (60 minutes) when expiryTime is %s', async (_what, extra) => {
    const sb = sandbox();
    const body: Record<string, unknown> = { ...v2Body(), ...extra };
    if (!('expiryTime' in extra)) delete body.expiryTime;
    const { id } = await createLink(sb, await tokenFor(sb), body);
    const view = (await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body;
    expect(Date.parse(view.expiresAt) - Date.parse(view.createdAt)).toBe(60 * 60_000);
  });

  it.each([
    ['30', 30, 30],
    ['0 (the default, as the official Python client sends it)', 0, 60],
  ])('takes a numeric V2 expiryTime of %s minutes', async (_what, expiryTime, minutes) => {
    const sb = sandbox();
    const { id } = await createLink(sb, await tokenFor(sb), v2Body({ expiryTime }));
    const view = (await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body;
    expect(Date.parse(view.expiresAt) - Date.parse(view.createdAt)).toBe(minutes * 60_000);
  });

  it('refuses a numeric V2 expiryTime with 5002 when v2ExpiryTime=string', async () => {
    const sb = sandbox({ options: { faceki: { v2ExpiryTime: 'string' } } });
    const token = await tokenFor(sb);
    const res = await post(sb, token, v2Body({ expiryTime: 30 }));
    expectCode(res, 400, 5002, INVALID);
    expect(res.body.data.issues).toEqual([
      {
        path: '/expiryTime',
        message: 'must be a string of minutes (V2; option v2ExpiryTime=string)',
      },
    ]);
    expect((await post(sb, token, v2Body({ expiryTime: '30' }))).status).toBe(200);
  });

  it("treats null optional fields as absent, as Faceki's official Python client sends them", async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const res = await post(sb, token, {
      expiryTime: 0,
      applicationId: null,
      redirect_url: null,
      document_optional: null,
      require_additional_doc: null,
    });
    expect(res.status).toBe(200);
    const view = (await call(sb, 'GET', `/_sandbox/sessions/${res.body.data}`)).body;
    expect(view).toMatchObject({ subject: res.body.data, redirectUri: null });
    expect(Date.parse(view.expiresAt) - Date.parse(view.createdAt)).toBe(60 * 60_000);
    expect((await post(sb, token, v2Body({ workflowId: null }))).status).toBe(200);
    const blaze = await tokenFor(sb, BLAZE);
    expect(
      (await post(sb, blaze, blazeBody({ expiryTime: null, redirect_url: null }))).status,
    ).toBe(200);
    const missing = await post(sb, blaze, blazeBody({ workflowId: null }));
    expectCode(missing, 400, 5002, INVALID);
    expect(missing.body.data.issues).toEqual([
      { path: '/workflowId', message: 'is required (Blaze 3.0 link request)' },
    ]);
  });

  it('honours the defaultExpiryMinutes and defaultVariant options', async () => {
    const sb = sandbox({
      options: { faceki: { defaultExpiryMinutes: '15', defaultVariant: 'blaze3' } },
    });
    const token = await tokenFor(sb, creds('faceki_test_plain_job'));
    expectCode(await post(sb, token, v2Body()), 400, 5002, INVALID);
    const { id } = await createLink(sb, token, blazeBody({ expiryTime: 0 }));
    const view = (await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body;
    expect(Date.parse(view.expiresAt) - Date.parse(view.createdAt)).toBe(15 * 60_000);
  });

  it('picks the variant from the self-service prefix: faceki_test_v2_ and faceki_test_blaze3_', async () => {
    const sb = sandbox({ options: { faceki: { defaultVariant: 'blaze3' } } });
    expect((await post(sb, await tokenFor(sb, creds('faceki_test_v2_job')), v2Body())).status).toBe(
      200,
    );
    expect(
      (await post(sb, await tokenFor(sb, creds('faceki_test_blaze3_job')), blazeBody())).status,
    ).toBe(200);
  });

  it('allows a reused applicationId by default and refuses it with 5002 when applicationIdReuse=reject', async () => {
    const allow = sandbox();
    const t1 = await tokenFor(allow);
    await createLink(allow, t1);
    expect((await post(allow, t1, v2Body())).status).toBe(200);
    const reject = sandbox({ options: { faceki: { applicationIdReuse: 'reject' } } });
    const t2 = await tokenFor(reject);
    await createLink(reject, t2);
    expectCode(await post(reject, t2, v2Body()), 400, 5002, INVALID);
  });

  it('answers 404 responseCode 1 "Invalid URL" for an unknown path', async () => {
    const sb = sandbox();
    expectCode(
      await fk(sb, 'GET', '/kycverify/api/kycverify/nope', { token: await tokenFor(sb) }),
      404,
      1,
      'Invalid URL',
    );
  });

  it('answers 413 for a body over the limit, in the Faceki envelope', async () => {
    const sb = sandbox({ bodyLimit: 1024 });
    const res = await post(sb, await tokenFor(sb), v2Body({ pad: 'x'.repeat(2000) }));
    expectCode(res, 413, 400, 'request entity too large');
  });
});

describe('Faceki live-link cap and applicationId reuse, as links move on', () => {
  const capped = creds('faceki_test_client_capped', 'faceki_test_secret_capped_0001');
  const LIMIT = 'The maximum limit for document verification links has been reached';

  it('frees the one slot of a capped client when its link is submitted, expired by hand or decided', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb, capped);
    for (const state of ['SUBMITTED', 'EXPIRED', 'ACCEPTED', 'OPENED']) {
      const { id } = await createLink(sb, token, v2Body({ applicationId: `app-${state}` }));
      expectCode(await post(sb, token, v2Body()), 403, 5009, LIMIT);
      expect((await move(sb, id, state)).status).toBe(200);
      if (state === 'OPENED') expectCode(await post(sb, token, v2Body()), 403, 5009, LIMIT);
    }
  });

  it('keeps counting live links after the clock moves: an expired link stays free, a live one does not', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb, capped);
    await createLink(sb, token, v2Body({ expiryTime: '5' }));
    await advance(sb, capped.clientId, '5m');
    await createLink(sb, token, v2Body({ expiryTime: '30' }));
    await advance(sb, capped.clientId, '10m');
    expectCode(await post(sb, token, v2Body()), 403, 5009, LIMIT);
  });

  it('with applicationIdReuse=reject, refuses the first applicationId after many links, however they moved', async () => {
    const sb = sandbox({ options: { faceki: { applicationIdReuse: 'reject' } } });
    const token = await tokenFor(sb);
    const first = await createLink(sb, token, v2Body({ applicationId: 'app-0' }));
    for (let i = 1; i < 5; i++) await createLink(sb, token, v2Body({ applicationId: `app-${i}` }));
    await move(sb, first.id, 'EXPIRED');
    expectCode(await post(sb, token, v2Body({ applicationId: 'app-0' })), 400, 5002, INVALID);
    expectCode(await post(sb, token, v2Body({ applicationId: 'app-3' })), 400, 5002, INVALID);
    expect((await post(sb, token, v2Body({ applicationId: 'app-5' }))).status).toBe(200);
  });
});
