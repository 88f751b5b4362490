// Kulipa test helpers, and `testing` for the cross-provider suites (excluded from the build).
import { expect } from 'vitest';
import { call, testSandbox, type Reply } from '../../../test/helpers.js';
import type { ProviderTesting } from '../../../test/provider-testing.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { kulipa as provider } from './index.js';

/** An isolated sandbox with Kulipa mounted (the registry line is the lead's). */
export const sandbox = (opts: SandboxOptions = {}) =>
  testSandbox({ providers: [provider], ...opts });

export const KEY = 'kulipa_test_key_tenant_one_0001';
export const OTHER_KEY = 'kulipa_test_key_tenant_two_0002';
export const BASE = '/kulipa/v1';

/**
 * What the cross-provider suites use: the default tenant's key, after one read with it, as a client
 * that checks its key first would do. The tenant then exists (its rate window), so a suite comparing
 * state before and after a refused request sees only what the request itself changed.
 */
export const testing: ProviderTesting = {
  auth: async (sb) => {
    const headers = { 'x-api-key': KEY };
    await call(sb, 'GET', `${BASE}/users?limit=1`, { headers });
    return headers;
  },
};
export const USER_ID = /^usr-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const KYC_ID = /^kyc-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A well-formed user id that no tenant owns. */
export const NOBODY = 'usr-00000000-0000-4000-8000-000000000000';

export const kulipa = (
  sb: Sandbox,
  method: string,
  path: string,
  json?: unknown,
  key: string | null = KEY,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  call(sb, method, `${BASE}${path}`, {
    json,
    headers: { ...(key === null ? {} : { 'x-api-key': key }), ...headers },
  });

let seq = 0;

export const userBody = (extra: Record<string, unknown> = {}) => {
  const n = ++seq;
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `user-${n}@example.com`,
    countryOfResidence: 'FR',
    ...extra,
  };
};

export async function createUser(
  sb: Sandbox,
  extra: Record<string, unknown> = {},
  key = KEY,
): Promise<string> {
  const res = await kulipa(sb, 'POST', '/users', userBody(extra), key);
  if (res.status !== 201) throw new Error(`createUser: ${res.status} ${res.text}`);
  return res.body.id;
}

export const initiate = (
  sb: Sandbox,
  userId: string,
  type = 'full',
  extra: Record<string, unknown> = {},
  key = KEY,
  method = 'PUT',
) => kulipa(sb, method, '/kycs', { userId, type, ...extra }, key);

/** A KYC id from a fresh initiation, failing loudly otherwise. */
export async function startKyc(
  sb: Sandbox,
  userId: string,
  type = 'full',
  extra: Record<string, unknown> = {},
  key = KEY,
): Promise<string> {
  const res = await initiate(sb, userId, type, extra, key);
  if (res.status !== 201) throw new Error(`initiate: ${res.status} ${res.text}`);
  return res.body.id;
}

export const move = (sb: Sandbox, kycId: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${kycId}/transition`, { json: { state, reason } });

export const setStatus = (sb: Sandbox, userId: string, status: string) =>
  call(sb, 'POST', `/_sandbox/providers/kulipa/users/${userId}/status`, { json: { status } });

export const advance = (sb: Sandbox, by: string, key = KEY) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'kulipa', tenant: key, by } });

/** A verified user: created, full KYC initiated and approved. */
export async function activeUser(sb: Sandbox, extra: Record<string, unknown> = {}) {
  const userId = await createUser(sb, extra);
  const kycId = await startKyc(sb, userId);
  const res = await move(sb, kycId, 'verified');
  if (res.status !== 200) throw new Error(`verify: ${res.status} ${res.text}`);
  return { userId, kycId };
}

/** The hosted page's last step (who is verified, with every fact), reached as a person would. */
export async function reviewPage(sb: Sandbox, kycUrl: string): Promise<string> {
  const path = new URL(kycUrl).pathname;
  const next = (fields: Record<string, string>) =>
    sb.app.request(`${path}/next`, { method: 'POST', body: new URLSearchParams(fields) });
  await next({ from: '0', agree: 'yes' });
  await next({ from: '1' });
  await next({ from: '2' });
  return (await call(sb, 'GET', path)).text;
}

export const expectError = (res: Reply, status: number, code: string, message: string) =>
  expect({ status: res.status, code: res.body?.code, message: res.body?.message }).toEqual({
    status,
    code,
    message,
  });
