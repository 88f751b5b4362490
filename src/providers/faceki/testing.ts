// Test helpers for Faceki's behaviour tests (excluded from the build).
import { expect } from 'vitest';
import { call, testSandbox, type Reply } from '../../../test/helpers.js';
import type { ProviderTesting } from '../../../test/provider-testing.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { faceki } from './index.js';

export interface Creds {
  clientId: string;
  clientSecret: string;
}

export const V2: Creds = {
  clientId: 'faceki_test_client_v2',
  clientSecret: 'faceki_test_secret_v2_000001',
};
export const BLAZE: Creds = {
  clientId: 'faceki_test_client_blaze3',
  clientSecret: 'faceki_test_secret_blaze3_000001',
};
export const OTHER: Creds = {
  clientId: 'faceki_test_client_other',
  clientSecret: 'faceki_test_secret_other_000001',
};
export const creds = (clientId: string, clientSecret = 'any-secret'): Creds => ({
  clientId,
  clientSecret,
});

export const WORKFLOW = '64a1f0c2e4b0a1b2c3d40001';
export const WORKFLOW_3_DOCS = '64a1f0c2e4b0a1b2c3d40003';
export const LINK_PATH = '/kycverify/api/kycverify/kyc-verify-link';

export const sandbox = (opts: Omit<SandboxOptions, 'providers'> = {}) =>
  testSandbox({ providers: [faceki], ...opts });

export const fk = (
  sb: Sandbox,
  method: string,
  path: string,
  init: { json?: unknown; body?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> =>
  call(sb, method, `/faceki${path}`, {
    json: init.json,
    body: init.body,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
  });

/** A token from the V2 GET endpoint, which names the tenant (so it is stamped on the tenant clock). */
export async function tokenFor(sb: Sandbox, c: Creds = V2): Promise<string> {
  const res = await fk(
    sb,
    'GET',
    `/auth/api/access-token?clientId=${encodeURIComponent(c.clientId)}&clientSecret=${encodeURIComponent(c.clientSecret)}`,
  );
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
  return res.body.data.access_token;
}

/** How the cross-provider suites authenticate as Faceki's default tenant: a fresh V2 token. */
export const testing: ProviderTesting = {
  auth: async (sb) => ({ authorization: `Bearer ${await tokenFor(sb)}` }),
};

export const v2Body = (extra: Record<string, unknown> = {}) => ({
  expiryTime: '30',
  applicationId: 'app-1',
  redirect_url: 'https://partner.example/done',
  document_optional: false,
  ...extra,
});
export const blazeBody = (extra: Record<string, unknown> = {}) => ({
  expiryTime: 30,
  workflowId: WORKFLOW,
  applicationId: 'app-1',
  redirect_url: 'https://partner.example/done',
  ...extra,
});

export async function createLink(
  sb: Sandbox,
  token: string,
  body: Record<string, unknown> = v2Body(),
): Promise<{ id: string; url: string }> {
  const res = await fk(sb, 'POST', LINK_PATH, { token, json: body });
  if (res.status !== 200) throw new Error(`link: ${res.status} ${res.text}`);
  return { id: res.body.data, url: res.body.url };
}

export const move = (sb: Sandbox, id: string, state: string, reason?: string) =>
  call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, { json: { state, reason } });

export const advance = (sb: Sandbox, tenant: string, by: string) =>
  call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: 'faceki', tenant, by } });

/** A multipart part: a plain field, or a file (an image, or a text file carrying a magic marker). */
export type Upload = string | { file: string | Uint8Array<ArrayBuffer>; name?: string };

export const image = (text = 'jpeg-bytes', name = 'photo.jpg'): Upload => ({
  file: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(text)]),
  name,
});

/** A multipart/form-data POST, as Faceki's clients send their images. */
export async function upload(
  sb: Sandbox,
  path: string,
  token: string | undefined,
  parts: Record<string, Upload>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const form = new FormData();
  for (const [name, part] of Object.entries(parts)) {
    if (typeof part === 'string') form.append(name, part);
    else
      form.append(name, new Blob([part.file], { type: 'image/jpeg' }), part.name ?? `${name}.jpg`);
  }
  const res = await sb.app.request(`/faceki${path}`, {
    method: 'POST',
    body: form,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers, text };
}

/** One part as a given client writes it on the wire: a field, or a file with its own headers. */
export interface WirePart {
  name: string;
  value: string;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body written out byte for byte as a client does (text content only). */
export function wireMultipart(parts: WirePart[], boundary: string): string {
  const out = parts.map((p) => {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const type = p.contentType ? `\r\nContent-Type: ${p.contentType}` : '';
    return `--${boundary}\r\n${disposition}${type}\r\n\r\n${p.value}\r\n`;
  });
  return `${out.join('')}--${boundary}--\r\n`;
}

/** A coded Faceki error: HTTP status, responseCode and message. */
export const expectCode = (res: Reply, status: number, responseCode: number, message: string) =>
  expect({
    status: res.status,
    responseCode: res.body?.responseCode,
    statusCode: res.body?.statusCode,
    ok: res.body?.status,
    message: res.body?.message,
  }).toEqual({ status, responseCode, statusCode: status, ok: false, message });

/** A token refusal: exactly the documented shape. */
export const expectTokenError = (res: Reply, status: number, message: string) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ status: false, message, statusCode: status, data: {} });
};

// Shared by the split links/records/verify behaviour tests.
export const INVALID =
  'Required fields in the request are either invalid or missing as per rules defined in the workflow';
export const MISSING_DOCUMENT =
  'A required document for verification is missing as per the rules defined in the workflow';
export const NO_CREDIT =
  'There is insufficient credit in the wallet to perform the document verification';
export const RECORDS = '/kycverify/api/kycverify/records';
export const VALIDATE = '/kycverify/api/kycverify/validate-kyc-verify-link';
export const V3 = '/api/v3/kyc_verification';

/** POST a link request as the given token. */
export const postLink = (sb: Sandbox, token: string, json: unknown) =>
  fk(sb, 'POST', LINK_PATH, { token, json });

/** A Blaze 3.0 request for the passport-only workflow (no back for a passport). */
export const passport = (extra: Record<string, Upload> = {}): Record<string, Upload> => ({
  selfie: image('selfie-ada'),
  workflowId: WORKFLOW,
  document_1_front: image('passport'),
  record_identifier: 'cust-1',
  ...extra,
});

export const wallet = async (sb: Sandbox, tenant = V2.clientId) =>
  (await call(sb, 'GET', `/_sandbox/providers/faceki/wallet?tenant=${tenant}`)).body;
export const records = async (sb: Sandbox, token: string, query: string) =>
  (await fk(sb, 'GET', `${RECORDS}?${query}`, { token })).body.result;
