// kyc-sandbox/vitest: each test a fresh tenant on one shared in-process sandbox — by default a
// self-service credential by each provider's own rule, or the credential the suite names.
import { describe, expect } from 'vitest';
import { sandboxTest, type Sandbox } from '../src/vitest.js';
import { providers } from '../src/providers/index.js';

type Sent = Readonly<Record<string, string>>;
const json = (headers: Sent, body: unknown) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Each provider's first authenticated call, made with nothing but the fixture's credentials. */
const firstCall: Record<string, (sb: Sandbox, c: Sent) => Response | Promise<Response>> = {
  capa: (sb, c) =>
    sb.app.request(
      '/capa/api/partner/v2/users',
      json(c, { type: 'INDIVIDUAL', email: 'a@example.com' }),
    ),
  kulipa: (sb, c) =>
    sb.app.request(
      '/kulipa/v1/users',
      json(c, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'a@example.com',
        countryOfResidence: 'FR',
      }),
    ),
  faceki: async (sb, c) => {
    const query = new URLSearchParams({ clientId: c.clientId!, clientSecret: c.clientSecret! });
    const token = await sb.app.request(`/faceki/auth/api/access-token?${query}`);
    const { data } = (await token.json()) as { data: { access_token: string } };
    return sb.app.request('/faceki/kycverify/api/kycverify/kyc-verify-summary', {
      headers: { authorization: `Bearer ${data.access_token}` },
    });
  },
  gu1: (sb, c) =>
    sb.app.request(
      '/gu1/api/entities',
      json(c, { type: 'person', name: 'Ada Lovelace', countryCode: 'AR' }),
    ),
  baanx: (sb, c) =>
    sb.app.request('/baanx/v1/auth/register/email/send', json(c, { email: 'a@example.com' })),
};

describe.each(providers.map((p) => p.name))('sandboxTest for %s, no credential given', (name) => {
  const test = sandboxTest({ provider: name });
  const seen: string[] = [];

  test('gives a test a fresh self-service tenant and what to send', async ({
    sb,
    tenant,
    credentials,
  }) => {
    seen.push(tenant.tenant);
    const res = await firstCall[name]!(sb, credentials);
    expect(res.status).toBeLessThan(300);
    expect(tenant.journal.count({ status: res.status })).toBeGreaterThan(0);
  });

  test('gives the next test another one on the same sandbox', async ({
    sb,
    tenant,
    credentials,
  }) => {
    seen.push(tenant.tenant);
    expect(seen[0]).not.toBe(seen[1]);
    // The same email or person again is no conflict: this tenant is new.
    expect((await firstCall[name]!(sb, credentials)).status).toBeLessThan(300);
    expect(sb.tenant(name, seen[0]!).journal.count()).toBe(0);
    expect(sb.contractViolations).toEqual([]);
  });
});

describe('sandboxTest with the credential named', () => {
  const test = sandboxTest({
    provider: 'capa',
    credential: (n) => `capa_test_fixture_${String(n).padStart(14, '0')}`,
  });

  test('uses it as the tenant', async ({ sb, tenant, credentials }) => {
    expect(tenant.tenant).toBe('capa_test_fixture_00000000000001');
    expect(credentials).toEqual({});
    const res = await firstCall.capa!(sb, { 'partner-api-key': tenant.tenant });
    expect(res.status).toBe(201);
    expect(tenant.journal.count({ operation: 'createUser' })).toBe(1);
  });
});
