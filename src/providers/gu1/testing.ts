// Test helpers for gu1's behaviour tests (excluded from the build).
import { expect } from 'vitest';
import { call, testSandbox, type Reply } from '../../../test/helpers.js';
import type { ProviderTesting } from '../../../test/provider-testing.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { gu1 } from './index.js';

export const ORG = '5f0c2a9e-0000-4000-8000-000000000001';
export const KEY = 'gk_sandbox_org1_5f0c2a9e00000001';
export const OTHER_ORG = '5f0c2a9e-0000-4000-8000-000000000002';
export const OTHER_KEY = 'gk_sandbox_org2_5f0c2a9e00000002';

/** The default organization's credentials, for the cross-provider suites. */
export const testing: ProviderTesting = {
  auth: async () => ({ authorization: `Bearer ${KEY}`, 'x-organization-id': ORG }),
};

export interface Creds {
  key: string | null;
  org: string | null;
}
export const ME: Creds = { key: KEY, org: ORG };
export const THEM: Creds = { key: OTHER_KEY, org: OTHER_ORG };

export const sandbox = (opts: SandboxOptions = {}) => testSandbox({ providers: [gu1], ...opts });

export const gu1Call = (
  sb: Sandbox,
  method: string,
  path: string,
  json?: unknown,
  creds: Creds = ME,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  call(sb, method, `/gu1${path}`, {
    json,
    headers: {
      ...(creds.key === null ? {} : { authorization: `Bearer ${creds.key}` }),
      ...(creds.org === null ? {} : { 'x-organization-id': creds.org }),
      ...headers,
    },
  });

let people = 0;

export async function createEntity(
  sb: Sandbox,
  body: Record<string, unknown> = {},
  creds: Creds = ME,
): Promise<string> {
  const n = ++people;
  const res = await gu1Call(
    sb,
    'POST',
    '/api/entities',
    {
      type: 'person',
      name: `Ana Pérez ${n}`,
      countryCode: 'AR',
      taxId: `20-${30000000 + n}-1`,
      ...body,
    },
    creds,
  );
  if (res.status !== 201) throw new Error(`createEntity: ${res.status} ${res.text}`);
  return res.body.entity.id;
}

export async function createValidation(
  sb: Sandbox,
  entityId: string,
  body: Record<string, unknown> = {},
  creds: Creds = ME,
): Promise<Reply> {
  return gu1Call(
    sb,
    'POST',
    '/api/kyc/validations',
    { entityId, integrationCode: 'global_gueno_validation_kyc', ...body },
    creds,
  );
}

/** A normal-flow validation (no test taxId): its id. */
export async function started(sb: Sandbox, creds: Creds = ME, body: Record<string, unknown> = {}) {
  const entityId = await createEntity(sb, {}, creds);
  const res = await createValidation(sb, entityId, body, creds);
  if (res.status !== 201) throw new Error(`createValidation: ${res.status} ${res.text}`);
  return { entityId, id: res.body.id as string, created: res.body };
}

export const getValidation = (sb: Sandbox, id: string, creds: Creds = ME) =>
  gu1Call(sb, 'GET', `/api/kyc/validations/${id}`, undefined, creds);

export const move = (sb: Sandbox, id: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state, reason } });

export const advance = (sb: Sandbox, by: string, org = ORG) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'gu1', tenant: org, by } });

export const expectError = (res: Reply, status: number, code: string, message: string) =>
  expect({
    status: res.status,
    success: res.body?.success,
    code: res.body?.error?.code,
    message: res.body?.error?.message,
  }).toEqual({ status, success: false, code, message });

/** DELETE /api/kyc/validations/{id}/cancel, POST …/approve and …/reject with a reason. */
export const cancel = (
  sb: Sandbox,
  id: string,
  reason: unknown = 'User asked to stop',
  creds = ME,
) => gu1Call(sb, 'DELETE', `/api/kyc/validations/${id}/cancel`, { reason }, creds);
export const decide = (
  sb: Sandbox,
  id: string,
  action: 'approve' | 'reject',
  reason: unknown = 'Reviewed by compliance',
  creds = ME,
) => gu1Call(sb, 'POST', `/api/kyc/validations/${id}/${action}`, { reason }, creds);
export const sync = (sb: Sandbox, id: string, body?: unknown, creds = ME) =>
  gu1Call(sb, 'POST', `/api/kyc/validations/${id}/sync`, body, creds);
export const entityStatus = (sb: Sandbox, entityId: string, creds = ME) =>
  gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/status`, undefined, creds);

/** A normal-flow validation the person finished, waiting for compliance review. */
export async function inReview(sb: Sandbox, creds: Creds = ME, body: Record<string, unknown> = {}) {
  const v = await started(sb, creds, body);
  await move(sb, v.id, 'in_progress');
  await move(sb, v.id, 'in_review');
  return v;
}

/** Events queued for the organization, oldest first (no URL configured: logged, not sent). */
export const sent = (sb: Sandbox) => sb.webhooks.list({ provider: 'gu1' }).map((d) => d.event);
export const lastPayload = (sb: Sandbox, event: string) =>
  JSON.parse(
    sb.webhooks
      .list({ provider: 'gu1' })
      .filter((d) => d.event === event)
      .at(-1)!.body,
  ).payload;
export const snapshotOf = (sb: Sandbox) =>
  JSON.stringify(sb.snapshot({ provider: 'gu1', tenant: ORG }));

/** A validation of a sandbox test taxId (no provider session), walked to its outcome. */
export async function mock(sb: Sandbox, taxId: string, body: Record<string, unknown> = {}) {
  const entityId = await createEntity(sb, { taxId });
  const id = (await createValidation(sb, entityId, body)).body.id as string;
  return { entityId, id };
}

/** Walks a fresh validation through the admin API to `path`'s last status. */
export async function walked(sb: Sandbox, path: string[]) {
  const v = await started(sb);
  for (const s of path) await move(sb, v.id, s);
  return v;
}

export const TERMINAL: [string, string[]][] = [
  ['approved', ['in_progress', 'approved']],
  ['rejected', ['in_progress', 'rejected']],
  ['expired', ['expired']],
  ['abandoned', ['in_progress', 'abandoned']],
  ['cancelled', ['cancelled']],
];
