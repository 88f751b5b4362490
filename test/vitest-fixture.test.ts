// kyc-sandbox/vitest: each test a fresh tenant on one shared in-process sandbox.
import { describe, expect } from 'vitest';
import { sandboxTest, type Sandbox } from '../src/vitest.js';

const test = sandboxTest({
  provider: 'capa',
  credential: (n) => `capa_test_fixture_${String(n).padStart(14, '0')}`,
});
const seen: string[] = [];

const createUser = (sb: Sandbox, key: string) =>
  sb.app.request('/capa/api/partner/v2/users', {
    method: 'POST',
    headers: { 'partner-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'INDIVIDUAL', email: 'a@example.com' }),
  });

describe('sandboxTest', () => {
  test('gives a test its own tenant', async ({ sb, tenant }) => {
    seen.push(tenant.tenant);
    expect((await createUser(sb, tenant.tenant)).status).toBe(201);
    expect(tenant.journal.count({ operation: 'createUser' })).toBe(1);
  });

  test('gives the next test another tenant on the same sandbox', async ({ sb, tenant }) => {
    seen.push(tenant.tenant);
    expect(seen[0]).not.toBe(seen[1]);
    // The same email again is no conflict: this tenant has no users yet.
    expect((await createUser(sb, tenant.tenant)).status).toBe(201);
    expect(sb.tenant('capa', seen[0]!).journal.count()).toBe(0);
    expect(sb.contractViolations).toEqual([]);
  });
});
