import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import { signJwt } from './auth.js';
import { maskValue } from '../../engine/index.js';
import {
  advance,
  BLAZE,
  createLink,
  creds,
  expectCode,
  expectTokenError,
  fk,
  LINK_PATH,
  sandbox,
  tokenFor,
  V2,
} from './testing.js';

const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const rules = (sb: ReturnType<typeof sandbox>, token?: string, headers?: Record<string, string>) =>
  fk(sb, 'GET', '/kycrules/api/kycrules', { token, headers });

describe('Faceki tokens', () => {
  it('issues a V2 token from GET access-token: {responseCode:0, data:{access_token, expires_in:3600, token_type}}', async () => {
    const sb = sandbox();
    const res = await fk(
      sb,
      'GET',
      `/auth/api/access-token?clientId=${V2.clientId}&clientSecret=${V2.clientSecret}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responseCode: 0,
      data: { expires_in: 3600, token_type: 'Bearer' },
    });
    const payload = payloadOf(res.body.data.access_token);
    expect(payload).toMatchObject({
      clientId: V2.clientId,
      scope: 'kyc/all',
      iat: Date.UTC(2025, 0, 1) / 1000,
    });
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('issues a Blaze 3.0 token from POST generate-token with the credentials in the body', async () => {
    const sb = sandbox();
    const res = await fk(sb, 'POST', '/auth/api/generate-token', { json: BLAZE });
    expect(res.status).toBe(200);
    expect((await rules(sb, res.body.data.access_token)).status).toBe(200);
  });

  it('also reads clientId/clientSecret headers on POST generate-token (the Blaze page lists them as headers)', async () => {
    const sb = sandbox();
    const res = await fk(sb, 'POST', '/auth/api/generate-token', {
      headers: { clientId: BLAZE.clientId, clientSecret: BLAZE.clientSecret },
    });
    expect(res.status).toBe(200);
  });

  it('reads only where the tokenCredentials option says: body, or headers', async () => {
    const body = sandbox({ options: { faceki: { tokenCredentials: 'body' } } });
    const asHeaders = { headers: { clientId: BLAZE.clientId, clientSecret: BLAZE.clientSecret } };
    expectTokenError(
      await fk(body, 'POST', '/auth/api/generate-token', asHeaders),
      422,
      'client id is required',
    );
    expect((await fk(body, 'POST', '/auth/api/generate-token', { json: BLAZE })).status).toBe(200);
    const headers = sandbox({ options: { faceki: { tokenCredentials: 'headers' } } });
    expectTokenError(
      await fk(headers, 'POST', '/auth/api/generate-token', { json: BLAZE }),
      422,
      'client id is required',
    );
    expect((await fk(headers, 'POST', '/auth/api/generate-token', asHeaders)).status).toBe(200);
  });

  it.each([
    ['GET without clientId', 'GET', '/auth/api/access-token?clientSecret=x', undefined],
    ['POST with an empty body', 'POST', '/auth/api/generate-token', {}],
    [
      'POST with a numeric clientId',
      'POST',
      '/auth/api/generate-token',
      { clientId: 42, clientSecret: 'x' },
    ],
  ])(
    'answers the documented 422 "client id is required" for %s',
    async (_what, method, path, json) => {
      expectTokenError(await fk(sandbox(), method, path, { json }), 422, 'client id is required');
    },
  );

  it('answers 422 "client id is required" for a malformed JSON body', async () => {
    const res = await fk(sandbox(), 'POST', '/auth/api/generate-token', {
      body: '{"clientId": ',
      headers: { 'content-type': 'application/json' },
    });
    expectTokenError(res, 422, 'client id is required');
  });

  it('answers 422 "client secret is required" without a secret', async () => {
    expectTokenError(
      await fk(sandbox(), 'GET', `/auth/api/access-token?clientId=${V2.clientId}`),
      422,
      'client secret is required',
    );
  });

  it('answers 401 "invalid client id" for an unknown client', async () => {
    expectTokenError(
      await fk(sandbox(), 'POST', '/auth/api/generate-token', { json: creds('live_client_123') }),
      401,
      'invalid client id',
    );
  });

  it('answers 401 "invalid client secret" for a wrong secret', async () => {
    expectTokenError(
      await fk(
        sandbox(),
        'GET',
        `/auth/api/access-token?clientId=${V2.clientId}&clientSecret=wrong`,
      ),
      401,
      'invalid client secret',
    );
  });

  it('accepts any secret for a self-service faceki_test_ client (a fresh tenant per CI job)', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb, creds('faceki_test_ci_job_42', 's3cret'));
    expect((await createLink(sb, token)).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same token for the same seed and rejects a token signed under another seed', async () => {
    const [a, b, c] = [
      await tokenFor(sandbox()),
      await tokenFor(sandbox()),
      await tokenFor(sandbox({ seed: 'other' })),
    ];
    expect(a).toBe(b);
    expectCode(await rules(sandbox({ seed: 'other' }), a), 401, 1, 'Unauthorized: invalid token');
    expect(c).not.toBe(a);
  });
});

describe('Faceki Bearer checks', () => {
  it('answers 401 responseCode 1 without a Bearer token', async () => {
    expectCode(await rules(sandbox()), 401, 1, 'Unauthorized: a Bearer token is required');
    expectCode(
      await rules(sandbox(), undefined, { authorization: 'Basic abc' }),
      401,
      1,
      'Unauthorized: a Bearer token is required',
    );
  });

  it('checks the Bearer token before reading the body', async () => {
    const res = await fk(sandbox(), 'POST', LINK_PATH, {
      body: '{"expiryTime": ',
      headers: { 'content-type': 'application/json' },
    });
    expectCode(res, 401, 1, 'Unauthorized: a Bearer token is required');
  });

  it('answers an unknown path with 404 "Invalid URL" even without a token', async () => {
    expectCode(await fk(sandbox(), 'GET', '/kycverify/api/kycverify/nope'), 404, 1, 'Invalid URL');
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    [
      'an unsigned alg:none token',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ clientId: V2.clientId, exp: 9e9 })).toString('base64url')}.x`,
    ],
    [
      'a token signed with another key',
      signJwt({ clientId: V2.clientId, exp: 9e9 }, 'guessed-secret'),
    ],
  ])('answers 401 "invalid token" for %s', async (_what, token) => {
    expectCode(await rules(sandbox(), token), 401, 1, 'Unauthorized: invalid token');
  });

  it('lets the token work until 3600 s have passed on the tenant clock, then answers "token expired"', async () => {
    const sb = sandbox();
    const token = await tokenFor(sb);
    await advance(sb, V2.clientId, '3599s');
    expect((await rules(sb, token)).status).toBe(200);
    await advance(sb, V2.clientId, '1s');
    expectCode(await rules(sb, token), 401, 1, 'Unauthorized: token expired');
    expect((await rules(sb, await tokenFor(sb))).status).toBe(200);
  });

  it('stamps a POST token on the tenant clock when clientId is sent as a header', async () => {
    const sb = sandbox();
    await advance(sb, BLAZE.clientId, '2h');
    const res = await fk(sb, 'POST', '/auth/api/generate-token', {
      json: BLAZE,
      headers: { clientId: BLAZE.clientId },
    });
    expect(payloadOf(res.body.data.access_token).iat).toBe(Date.UTC(2025, 0, 1, 2) / 1000);
    expect((await rules(sb, res.body.data.access_token)).status).toBe(200);
  });

  it('honours the tokenTtl option in expires_in and in the expiry', async () => {
    const sb = sandbox({ options: { faceki: { tokenTtl: '5m' } } });
    const res = await fk(
      sb,
      'GET',
      `/auth/api/access-token?clientId=${V2.clientId}&clientSecret=${V2.clientSecret}`,
    );
    expect(res.body.data.expires_in).toBe(300);
    await advance(sb, V2.clientId, '5m');
    expectCode(await rules(sb, res.body.data.access_token), 401, 1, 'Unauthorized: token expired');
  });

  it('files requests under the clientId: GET token query, POST token body, and Bearer calls', async () => {
    const sb = sandbox();
    await rules(sb, await tokenFor(sb));
    await fk(sb, 'POST', '/auth/api/generate-token', { json: BLAZE });
    const journal = (await call(sb, 'GET', '/_sandbox/journal?provider=faceki')).body as {
      operation: string;
      tenant: string;
    }[];
    expect(journal.map((e) => [e.operation, e.tenant]).sort()).toEqual([
      ['generateToken', maskValue(BLAZE.clientId)],
      ['getAccessToken', maskValue(V2.clientId)],
      ['getKycRules', maskValue(V2.clientId)],
    ]);
  });
});
