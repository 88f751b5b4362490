// Faceki KYC links: generating a link, and the errors a link request can meet.
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
  LINK_PATH,
  postLink as post,
  sandbox,
  tokenFor,
  v2Body,
  V2,
} from './testing.js';

describe('Faceki KYC links', () => {
  it('generates a V2 link: 200 {responseCode:0, data:<uuid>, url:<sandbox origin>/verify/faceki/kycverify/<uuid>} that opens', async () => {
    const sb = sandbox();
    const res = await post(sb, await tokenFor(sb), v2Body());
    expect(res.status).toBe(200);
    expect(res.body.responseCode).toBe(0);
    // Faceki's shape (https://apps.faceki.com/kycverify/<linkId>) on the sandbox's origin.
    expect(res.body.url).toBe(`http://sandbox.test/verify/faceki/kycverify/${res.body.data}`);
    const page = await call(sb, 'GET', new URL(res.body.url).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Faceki verification');
    // The sandbox's older form, /verify/faceki/<id>, still opens the same page.
    expect((await call(sb, 'GET', `/verify/faceki/${res.body.data}`)).status).toBe(200);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${res.body.data}`)).body.url).toBe(
      res.body.url,
    );
  });

  it('generates a Blaze 3.0 link with a numeric expiryTime and a workflowId', async () => {
    const sb = sandbox();
    const res = await post(sb, await tokenFor(sb, BLAZE), blazeBody());
    expect(res.status).toBe(200);
  });

  it.each([
    ['a V2 client sending a workflowId', V2, blazeBody(), '/workflowId'],
    [
      'a V2 client sending a negative numeric expiryTime',
      V2,
      v2Body({ expiryTime: -1 }),
      '/expiryTime',
    ],
    ['a V2 client sending a fractional expiryTime', V2, v2Body({ expiryTime: 1.5 }), '/expiryTime'],
    ['a Blaze 3.0 client without workflowId', BLAZE, v2Body(), '/workflowId'],
    [
      'a Blaze 3.0 client sending expiryTime as a string',
      BLAZE,
      blazeBody({ expiryTime: '30' }),
      '/expiryTime',
    ],
    ['an expiryTime over 99999 minutes', V2, v2Body({ expiryTime: '100000' }), '/expiryTime'],
    ['a huge numeric expiryTime', BLAZE, blazeBody({ expiryTime: 1e20 }), '/expiryTime'],
    ['an empty applicationId', V2, v2Body({ applicationId: '' }), '/applicationId'],
    [
      'a 300-character applicationId',
      V2,
      v2Body({ applicationId: 'x'.repeat(300) }),
      '/applicationId',
    ],
    [
      'a javascript: redirect_url',
      V2,
      v2Body({ redirect_url: 'javascript:alert(1)' }),
      '/redirect_url',
    ],
    ['a string document_optional', V2, v2Body({ document_optional: 'true' }), '/document_optional'],
    [
      'a redirect_url with credentials in it',
      V2,
      v2Body({ redirect_url: 'https://user@evil.example/' }),
      '/redirect_url',
    ],
    [
      'a redirect_url the hosted page would not follow (ftp:)',
      V2,
      v2Body({ redirect_url: 'ftp://files.example/done' }),
      '/redirect_url',
    ],
  ])('answers 400 responseCode 5002 for %s', async (_what, client, body, path) => {
    const sb = sandbox();
    const res = await post(sb, await tokenFor(sb, client), body);
    expectCode(res, 400, 5002, INVALID);
    expect(res.body.data.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('reports only the variant mismatch when a V2 client sends a Blaze 3.0 body with other faults', async () => {
    const sb = sandbox();
    const res = await post(sb, await tokenFor(sb), blazeBody({ applicationId: '' }));
    expectCode(res, 400, 5002, INVALID);
    expect(res.body.data.issues.map((i: { path: string }) => i.path)).toEqual(['/workflowId']);
  });

  it('accepts unicode in applicationId and a custom-scheme redirect_url', async () => {
    const sb = sandbox();
    const res = await post(
      sb,
      await tokenFor(sb),
      v2Body({ applicationId: 'ملف-✓-42', redirect_url: 'myapp://kyc/done' }),
    );
    expect(res.status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"expiryTime": ', 'application/json'],
    ['a text/plain body', 'expiryTime=5', 'text/plain'],
    ['a JSON array', '[1,2]', 'application/json'],
  ])('answers 400 responseCode 400 for %s', async (_what, body, type) => {
    const sb = sandbox();
    const res = await fk(sb, 'POST', LINK_PATH, {
      token: await tokenFor(sb),
      body,
      headers: { 'content-type': type },
    });
    expectCode(res, 400, 400, 'The request sent to the API is malformed or incorrect');
  });

  it('answers 400 responseCode 5001 for an unknown Blaze 3.0 workflowId', async () => {
    const sb = sandbox();
    expectCode(
      await post(sb, await tokenFor(sb, BLAZE), blazeBody({ workflowId: 'no-such-workflow' })),
      400,
      5001,
      'Workflow rules necessary for processing are missing',
    );
  });

  it('answers 400 responseCode 5001 for a V2 client without workflow rules', async () => {
    const sb = sandbox();
    const token = await tokenFor(
      sb,
      creds('faceki_test_client_no_rules', 'faceki_test_secret_no_rules_001'),
    );
    expectCode(
      await post(sb, token, v2Body()),
      400,
      5001,
      'Workflow rules necessary for processing are missing',
    );
  });

  it('answers 402 responseCode 5003 when the wallet is empty', async () => {
    const sb = sandbox();
    const token = await tokenFor(
      sb,
      creds('faceki_test_client_no_credit', 'faceki_test_secret_no_credit_01'),
    );
    expectCode(
      await post(sb, token, v2Body()),
      402,
      5003,
      'There is insufficient credit in the wallet to perform the document verification',
    );
  });

  it('spends one credit per link, and answers 5003 once the credit is gone', async () => {
    const sb = sandbox();
    await call(sb, 'PUT', '/_sandbox/providers/faceki/wallet', {
      json: { tenant: V2.clientId, credit: 1 },
    });
    const token = await tokenFor(sb);
    await createLink(sb, token);
    expect(
      (await call(sb, 'GET', `/_sandbox/providers/faceki/wallet?tenant=${V2.clientId}`)).body,
    ).toMatchObject({ credit: 0, spent: 1 });
    expectCode(
      await post(sb, token, v2Body()),
      402,
      5003,
      'There is insufficient credit in the wallet to perform the document verification',
    );
  });

  it('answers 403 responseCode 5009 past the live-link cap, and frees the slot once a link expires', async () => {
    const sb = sandbox();
    const capped = creds('faceki_test_client_capped', 'faceki_test_secret_capped_0001');
    const token = await tokenFor(sb, capped);
    await createLink(sb, token, v2Body({ expiryTime: '5' }));
    expectCode(
      await post(sb, token, v2Body()),
      403,
      5009,
      'The maximum limit for document verification links has been reached',
    );
    await advance(sb, capped.clientId, '5m');
    expect((await post(sb, token, v2Body())).status).toBe(200);
  });

  it('answers 500 responseCode 500 for the faceki-internal-error applicationId, and through the scenario header', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    const message = 'An internal server error occurred during the processing of the request';
    expectCode(
      await post(sb, token, v2Body({ applicationId: 'faceki-internal-error' })),
      500,
      500,
      message,
    );
    expectCode(
      await fk(sb, 'POST', LINK_PATH, {
        token,
        json: v2Body(),
        headers: { 'x-sandbox-scenario': 'service_unavailable' },
      }),
      503,
      500,
      'Service Unavailable',
    );
  });

  it('never changes state on a refused request', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    await post(sb, token, v2Body({ expiryTime: '5m' }));
    await post(sb, token, v2Body({ applicationId: 'faceki-internal-error' }));
    await fk(sb, 'POST', LINK_PATH, {
      token,
      body: 'nope',
      headers: { 'content-type': 'application/json' },
    });
    expect((await call(sb, 'GET', '/_sandbox/sessions?provider=faceki')).body).toEqual([]);
    expect(
      (await call(sb, 'GET', `/_sandbox/providers/faceki/wallet?tenant=${V2.clientId}`)).body,
    ).toMatchObject({ credit: 1000, spent: 0 });
  });
});
