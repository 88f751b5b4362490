// Test helpers for Capa's behaviour tests (excluded from the build).
import { expect } from 'vitest';
import { call, type Reply } from '../../../test/helpers.js';
import type { ProviderTesting } from '../../../test/provider-testing.js';
import type { Sandbox } from '../../sandbox/index.js';

export const KEY = 'capa_test_partner_key_000000000001';
export const OTHER_KEY = 'capa_test_partner_key_000000000002';
export const BASE = '/capa/api/partner/v2';

/** What the cross-provider suites send to act as the default partner. */
export const testing: ProviderTesting = { auth: async () => ({ 'partner-api-key': KEY }) };

export const capa = (
  sb: Sandbox,
  method: string,
  path: string,
  json?: unknown,
  key: string | null = KEY,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  call(sb, method, `${BASE}${path}`, {
    json,
    headers: { ...(key === null ? {} : { 'partner-api-key': key }), ...headers },
  });

let emails = 0;

export async function createUser(
  sb: Sandbox,
  body: Record<string, unknown> = {},
  key = KEY,
): Promise<string> {
  const n = ++emails;
  const res = await capa(
    sb,
    'POST',
    '/users',
    { type: 'INDIVIDUAL', email: `user-${n}@example.com`, ...body },
    key,
  );
  if (res.status !== 201) throw new Error(`createUser: ${res.status} ${res.text}`);
  return res.body.data.userId;
}

export async function createLink(
  sb: Sandbox,
  userId: string,
  body: Record<string, unknown> = {},
  key = KEY,
  kind: 'kyc' | 'kyb' = 'kyc',
) {
  return capa(
    sb,
    'POST',
    `/users/${userId}/${kind}/verification-link`,
    { country: 'MX', ...body },
    key,
  );
}

/** The session id at the end of a kycLink/kybLink. */
export const sessionIdOf = (link: string) => link.split('/').pop()!;

export const expectError = (res: Reply, status: number, code: string, message: string) =>
  expect({
    status: res.status,
    statusCode: res.body?.statusCode,
    code: res.body?.code,
    message: res.body?.message,
  }).toEqual({ status, statusCode: status, code, message });

/** Moves a session through the admin API, as an operator or the hosted page would. */
export const decide = (sb: Sandbox, sessionId: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${sessionId}/transition`, { json: { state, reason } });

/** A user with a KYC link: its id, the link and the session id at its end. */
export async function withLink(sb: Sandbox, body: Record<string, unknown> = {}, key = KEY) {
  const userId = await createUser(sb, {}, key);
  const link = (await createLink(sb, userId, body, key)).body.data.kycLink as string;
  return { userId, link, sessionId: sessionIdOf(link) };
}

/** The personalInfo of Capa's example. */
export const PERSONAL_INFO = {
  profession: 'Employee',
  phoneNumber: '+524401234567',
  birthCountry: 'MX',
  taxId: 'LOZG7802117B9',
};
