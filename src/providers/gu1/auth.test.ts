// Behaviour of gu1's auth stage: Bearer key, X-Organization-ID, self-service keys, isolation.
import { describe, expect, it } from 'vitest';
import {
  createEntity,
  expectError,
  gu1Call,
  KEY,
  ME,
  ORG,
  OTHER_KEY,
  OTHER_ORG,
  sandbox,
  started,
  THEM,
} from './testing.js';

const person = { type: 'person', name: 'Ana', countryCode: 'AR' };

describe('gu1 Authorization and X-Organization-ID', () => {
  it('answers 401 UNAUTHORIZED without an Authorization header', async () => {
    expectError(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: null, org: ORG }),
      401,
      'UNAUTHORIZED',
      'Missing or malformed Authorization header; expected "Bearer <API key>"',
    );
  });

  it('answers 401 UNAUTHORIZED for a non-Bearer scheme', async () => {
    const res = await gu1Call(
      sandbox(),
      'GET',
      '/api/kyc/validations/x',
      undefined,
      { key: null, org: ORG },
      { authorization: `Basic ${KEY}` },
    );
    expectError(
      res,
      401,
      'UNAUTHORIZED',
      'Missing or malformed Authorization header; expected "Bearer <API key>"',
    );
  });

  it('answers 401 INVALID_API_KEY for an unknown key', async () => {
    expectError(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, {
        key: 'gk_prod_abcdefghijklmnop',
        org: ORG,
      }),
      401,
      'INVALID_API_KEY',
      'Invalid API key',
    );
    expectError(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: 'nonsense', org: ORG }),
      401,
      'INVALID_API_KEY',
      'Invalid API key',
    );
  });

  it('answers 400 ORGANIZATION_REQUIRED without X-Organization-ID', async () => {
    expectError(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: KEY, org: null }),
      400,
      'ORGANIZATION_REQUIRED',
      'X-Organization-ID header is required',
    );
  });

  it('answers 400 INVALID_ORGANIZATION_ID for an organization id that is neither a UUID nor org_…', async () => {
    expectError(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, {
        key: 'gk_sandbox_ci_job_1234',
        org: 'not an id!',
      }),
      400,
      'INVALID_ORGANIZATION_ID',
      'X-Organization-ID must be a UUID or an org_ identifier',
    );
  });

  it("answers 403 when a key is used with another organization's id, and creates nothing", async () => {
    const sb = sandbox();
    expectError(
      await gu1Call(sb, 'POST', '/api/entities', person, { key: KEY, org: OTHER_ORG }),
      403,
      'FORBIDDEN',
      `API key does not belong to organization ${OTHER_ORG}`,
    );
    expectError(
      await gu1Call(sb, 'POST', '/api/entities', person, { key: OTHER_KEY, org: ORG }),
      403,
      'FORBIDDEN',
      `API key does not belong to organization ${ORG}`,
    );
    expect(sb.snapshot({ provider: 'gu1' })[`gu1:${OTHER_ORG}`]?.entities ?? []).toEqual([]);
  });

  it('binds a self-service key to the first organization it is sent with, then refuses others', async () => {
    const sb = sandbox();
    const ci = { key: 'gk_sandbox_ci_job_42_abcdef', org: 'org_ci_job_42' };
    await createEntity(sb, {}, ci);
    await createEntity(sb, {}, ci);
    expectError(
      await gu1Call(sb, 'POST', '/api/entities', person, { ...ci, org: 'org_ci_job_43' }),
      403,
      'FORBIDDEN',
      'API key does not belong to organization org_ci_job_43',
    );
    expectError(
      await gu1Call(sb, 'POST', '/api/entities', person, { ...ci, org: ORG }),
      403,
      'FORBIDDEN',
      `API key does not belong to organization ${ORG}`,
    );
    // A second CI job with its own key gets its own organization.
    await createEntity(sb, {}, { key: 'gk_sandbox_ci_job_43_abcdef', org: 'org_ci_job_43' });
  });

  it('frees a self-service key when its organization is reset', async () => {
    const sb = sandbox();
    const ci = { key: 'gk_sandbox_ci_job_7_abcdefg', org: '0b7e2c11-8d2f-4c3a-9e55-7a1d2c3b4f50' };
    await createEntity(sb, {}, ci);
    sb.reset({ provider: 'gu1', tenant: ci.org });
    await createEntity(sb, {}, { ...ci, org: 'org_elsewhere' });
  });

  it("keeps organizations apart: another organization's validation is 404 Validation Not Found", async () => {
    const sb = sandbox();
    const { id } = await started(sb, ME);
    expectError(
      await gu1Call(sb, 'GET', `/api/kyc/validations/${id}`, undefined, THEM),
      404,
      'VALIDATION_NOT_FOUND',
      'Validation Not Found',
    );
  });

  it('answers an unknown path under /gu1 with 404 in the gu1 envelope', async () => {
    expectError(
      await gu1Call(sandbox(), 'GET', '/api/nothing-here'),
      404,
      'NOT_FOUND',
      'Route not found',
    );
  });
});
