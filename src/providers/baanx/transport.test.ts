import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import {
  addressStep,
  baanx,
  detailsStep,
  emailStep,
  expectError,
  KEY,
  phoneStep,
  type Registration,
} from './testing.js';

const sandbox = () => testSandbox({ providers: [provider] });
const raw = (sb: ReturnType<typeof sandbox>, body: string, contentType = 'application/json') =>
  call(sb, 'POST', '/baanx/v1/auth/register/email/send', {
    body,
    headers: { 'x-client-key': KEY, 'content-type': contentType },
  });

describe('Baanx bad input', () => {
  it.each([
    [
      'malformed JSON',
      '{"email":',
      'application/json',
      'Invalid request: the body is not valid JSON',
    ],
    [
      'a JSON array',
      '["a@b.co"]',
      'application/json',
      'Invalid request: the body must be a JSON object',
    ],
    [
      'a form body',
      'email=a%40b.co',
      'application/x-www-form-urlencoded',
      'Invalid request: Content-Type must be application/json',
    ],
    [
      'an email as a number',
      '{"email": 42}',
      'application/json',
      'Invalid request: /email must be string',
    ],
  ])('answers 400 for %s and stores nothing', async (_what, body, type, message) => {
    const sb = sandbox();
    expectError(await raw(sb, body, type), 400, message);
    expect(sb.snapshot({ provider: 'baanx' })[`baanx:${KEY}`] ?? {}).toEqual({});
  });

  it('answers 400 for a 300-character email', async () => {
    const res = await baanx(sandbox(), 'POST', '/v1/auth/register/email/send', {
      email: `${'a'.repeat(290)}@example.com`,
    });
    expect(res.status).toBe(400);
  });

  it('answers 413 "Payload Too Large" for a body over the limit', async () => {
    expectError(
      await raw(sandbox(), JSON.stringify({ email: 'a@b.co', pad: 'x'.repeat(200 * 1024) })),
      413,
      'Payload Too Large',
    );
  });

  it('answers 404 {"message":"Not Found"} for a path Baanx does not have', async () => {
    expectError(await baanx(sandbox(), 'GET', '/v1/cards'), 404, 'Not Found');
  });

  it('answers 400 (never 500) for a non-ASCII email address', async () => {
    expectError(
      await baanx(sandbox(), 'POST', '/v1/auth/register/email/send', { email: 'zoë@exämple.com' }),
      400,
      'Invalid request: /email must match format "email"',
    );
  });

  it('keeps a mixed-case email as sent', async () => {
    const sb = sandbox();
    const r = await emailStep(sb, { email: 'Zoe.OBrien@Example.com' });
    expect(
      (await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`)).body.email,
    ).toBe('Zoe.OBrien@Example.com');
  });
});

describe('Baanx transport scenarios, in the flat {"message"} envelope', () => {
  it('answers 429 with Retry-After for rate_limited', async () => {
    const res = await baanx(
      sandbox(),
      'POST',
      '/v1/auth/register/email/send',
      { email: 'a@b.co' },
      { headers: { 'x-sandbox-scenario': 'rate_limited' } },
    );
    expectError(res, 429, 'Too Many Requests');
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it.each([
    ['internal_error', 500, 'Internal server error'],
    ['bad_gateway', 502, 'Bad Gateway'],
    ['service_unavailable', 503, 'Service Unavailable'],
    ['gateway_timeout', 504, 'Gateway Timeout'],
  ])('answers the %s scenario with %i', async (scenario, status, message) => {
    expectError(
      await baanx(sandbox(), 'GET', '/v1/user', undefined, {
        headers: { 'x-sandbox-scenario': scenario },
      }),
      status,
      message,
    );
  });

  it('lists the error table as scenarios in the catalogue', async () => {
    const names = (await call(sandbox(), 'GET', '/_sandbox/scenarios?provider=baanx')).body.map(
      (s: { name: string }) => s.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'INVALID_CLIENT_KEY',
        'INVALID_ONBOARDING_ID',
        'ONBOARDING_NOT_FOUND',
        'INTERNAL_SERVER_ERROR',
        'NOT_AUTHENTICATED',
        'USER_DISABLED',
      ]),
    );
  });
});

async function upToDetails(sb: ReturnType<typeof testSandbox>, us = false): Promise<Registration> {
  const r = await emailStep(sb, { us });
  await phoneStep(sb, r);
  await detailsStep(sb, r);
  return r;
}

describe('Baanx request bodies', () => {
  it('answers 400 "Invalid onboarding ID" for a malformed onboardingId before any other field', async () => {
    const sb = sandbox();
    const r = await emailStep(sb);
    await phoneStep(sb, r);
    expectError(
      await detailsStep(sb, r, { onboardingId: 'not-an-id', firstName: '', dateOfBirth: 'x' }),
      400,
      'Invalid onboarding ID',
    );
  });

  it('treats an optional field sent as null as absent', async () => {
    const sb = sandbox();
    const res = await addressStep(sb, await upToDetails(sb), {
      addressLine2: null,
      usState: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ addressLine2: null, usState: null });
  });

  it('answers 400 "Invalid request" to a required field sent as null', async () => {
    const sb = sandbox();
    const r = await upToDetails(sb, true);
    await addressStep(sb, r, { isSameMailingAddress: false });
    const res = await baanx(
      sb,
      'POST',
      '/v1/auth/register/mailing-address',
      {
        onboardingId: r.onboardingId,
        addressLine1: 'PO Box 1',
        city: 'NY',
        zip: '10001',
        usState: null,
      },
      r.o,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Invalid request: /);
  });
});
