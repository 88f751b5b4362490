// Behaviour of gu1's auth stage: Bearer key, X-Organization-ID (optional or required), self-service keys, isolation.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../test/helpers.js';
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

const DENIED = 'Missing or invalid API key or organization context';
/** gu1's one documented 401, and which credential problem it was (details.reason). */
const expectDenied = (res: Reply, reason: string, organizationId?: string) => {
  expectError(res, 401, 'UNAUTHORIZED', DENIED);
  expect(res.body.error.details).toEqual({
    reason,
    ...(organizationId === undefined ? {} : { organizationId }),
  });
};

describe('gu1 Authorization and X-Organization-ID', () => {
  it('answers 401 UNAUTHORIZED without an Authorization header', async () => {
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: null, org: ORG }),
      'missing_api_key',
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
    expectDenied(res, 'missing_api_key');
  });

  it('answers 401 UNAUTHORIZED for an unknown key', async () => {
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, {
        key: 'gk_prod_abcdefghijklmnop',
        org: ORG,
      }),
      'invalid_api_key',
    );
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: 'nonsense', org: ORG }),
      'invalid_api_key',
    );
  });

  it('lets a fixture key alone select its organization, as the KYC pages send it', async () => {
    const sb = sandbox();
    const res = await gu1Call(sb, 'POST', '/api/entities', person, { key: KEY, org: null });
    expect(res.status).toBe(201);
    expect(res.body.entity.organizationId).toBe(ORG);
    // The same organization as with the header: its entity is readable either way.
    const id = res.body.entity.id as string;
    expect((await gu1Call(sb, 'GET', `/api/entities/${id}`, undefined, ME)).status).toBe(200);
    expect(
      (await gu1Call(sb, 'GET', `/api/entities/${id}`, undefined, { key: KEY, org: null })).status,
    ).toBe(200);
    expect(
      (await gu1Call(sb, 'GET', `/api/entities/${id}`, undefined, { key: OTHER_KEY, org: null }))
        .status,
    ).toBe(404);
  });

  it('answers 401 without X-Organization-ID when organizationHeader=required, and creates nothing', async () => {
    const sb = sandbox({ options: { gu1: { organizationHeader: 'required' } } });
    expectDenied(
      await gu1Call(sb, 'POST', '/api/entities', person, { key: KEY, org: null }),
      'missing_organization',
    );
    expect(sb.snapshot({ provider: 'gu1' })[`gu1:${ORG}`]?.entities ?? []).toEqual([]);
    expect((await gu1Call(sb, 'POST', '/api/entities', person, ME)).status).toBe(201);
  });

  it('answers 401 for a self-service key without X-Organization-ID (it has no organization of its own)', async () => {
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, {
        key: 'gk_sandbox_ci_job_1234',
        org: null,
      }),
      'missing_organization',
    );
  });

  it('answers 401 for an organization id that is neither a UUID nor org_…', async () => {
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, {
        key: 'gk_sandbox_ci_job_1234',
        org: 'not an id!',
      }),
      'invalid_organization',
    );
    expectDenied(
      await gu1Call(sandbox(), 'POST', '/api/entities', person, { key: KEY, org: 'nope!' }),
      'invalid_organization',
    );
  });

  it("answers 401 when a key is used with another organization's id, and creates nothing", async () => {
    const sb = sandbox();
    expectDenied(
      await gu1Call(sb, 'POST', '/api/entities', person, { key: KEY, org: OTHER_ORG }),
      'organization_mismatch',
      OTHER_ORG,
    );
    expectDenied(
      await gu1Call(sb, 'POST', '/api/entities', person, { key: OTHER_KEY, org: ORG }),
      'organization_mismatch',
      ORG,
    );
    expect(sb.snapshot({ provider: 'gu1' })[`gu1:${OTHER_ORG}`]?.entities ?? []).toEqual([]);
  });

  it('binds a self-service key to the first organization it is sent with, then refuses others', async () => {
    const sb = sandbox();
    const ci = { key: 'gk_sandbox_ci_job_42_abcdef', org: 'org_ci_job_42' };
    await createEntity(sb, {}, ci);
    await createEntity(sb, {}, ci);
    expectDenied(
      await gu1Call(sb, 'POST', '/api/entities', person, { ...ci, org: 'org_ci_job_43' }),
      'organization_mismatch',
      'org_ci_job_43',
    );
    expectDenied(
      await gu1Call(sb, 'POST', '/api/entities', person, { ...ci, org: ORG }),
      'organization_mismatch',
      ORG,
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
