// Behaviour of the optional hourly rate limit and the forced transport scenarios.
import { describe, expect, it } from 'vitest';
import { advance, expectError, gu1Call, sandbox, THEM } from './testing.js';

const ping = (
  sb: ReturnType<typeof sandbox>,
  creds = undefined as typeof THEM | undefined,
  headers: Record<string, string> = {},
) => gu1Call(sb, 'GET', '/api/kyc/validations/none', undefined, creds, headers);

describe('gu1 sandbox rate limit and transport scenarios', () => {
  it('is off by default', async () => {
    const sb = sandbox();
    for (let i = 0; i < 120; i++) expect((await ping(sb)).status).toBe(404);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED after 100 requests in an hour with rateLimit=100, per organization, until the window passes', async () => {
    const sb = sandbox({ options: { gu1: { rateLimit: '100' } } });
    for (let i = 0; i < 100; i++) {
      const res = await ping(sb);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(99 - i));
    }
    const limited = await ping(sb);
    expectError(limited, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded, retry later');
    expect(limited.headers.get('retry-after')).toBe('3600');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('100');
    expect(limited.body.error.details).toEqual({
      limit: 100,
      window: '1h',
      resetAt: '2025-01-01T01:00:00.000Z',
    });
    expect((await ping(sb, THEM)).status).toBe(404);
    await advance(sb, '1h');
    expect((await ping(sb)).status).toBe(404);
  });

  it('does not count refused credentials', async () => {
    const sb = sandbox({ options: { gu1: { rateLimit: '1' } } });
    await ping(sb, { key: 'gk_sandbox_wrong_key_000', org: THEM.org });
    expect((await ping(sb, THEM)).status).toBe(404);
  });

  it.each([
    ['rate_limited', 429, 'RATE_LIMIT_EXCEEDED'],
    ['internal_error', 500, 'INTERNAL_SERVER_ERROR'],
    ['bad_gateway', 502, 'BAD_GATEWAY'],
    ['service_unavailable', 503, 'SERVICE_UNAVAILABLE'],
    ['gateway_timeout', 504, 'GATEWAY_TIMEOUT'],
  ])('answers the %s scenario with %i in the gu1 envelope', async (scenario, status, code) => {
    const res = await ping(sandbox(), undefined, { 'x-sandbox-scenario': scenario });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, error: { code } });
  });
});
