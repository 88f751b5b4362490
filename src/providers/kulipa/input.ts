// Request checks shared by Kulipa's handlers: the JSON body, schema issues in details.issues, and the
// typed ids (usr-, kyc-, dwk-) with one distinct message per way an id can be wrong.
import type { Context } from 'hono';
import { requestJsonObject, type ProviderEnv } from '../../engine/index.js';
import { fail, invalid, type Issue } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// https, or a custom app scheme (myapp://); plain http only for a developer's own machine.
const REDIRECT =
  /^(https:\/\/[^\s/]+[^\s]*|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s]*)?|[a-z][a-z0-9+.-]*:\/\/[^\s]*)$/i;
const FORBIDDEN_SCHEMES = /^(javascript|data|vbscript|file|http|ftp|ws|wss):/i;

/** The JSON object body, or Kulipa's 400 saying why not. */
export function jsonBody(c: Context<ProviderEnv>): Record<string, unknown> {
  const body = requestJsonObject(c);
  if (body.ok) return body.value;
  throw fail(
    body.reason === 'content-type'
      ? 'UNSUPPORTED_CONTENT_TYPE'
      : body.reason === 'malformed'
        ? 'MALFORMED_JSON'
        : 'BODY_NOT_OBJECT',
  );
}

/** The body checked against the operation's contract schema; every problem lands in details.issues. */
export function bodyFor(c: Context<ProviderEnv>, operation: string): Record<string, unknown> {
  const body = jsonBody(c);
  const errors = c.get('kit').contract.checkRequest(operation, body);
  if (!errors) return body;
  const issues: Issue[] = errors.map((e) => {
    const path = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.keyword === 'required')
      return { path: [...path, String(e.params.missingProperty)], message: 'is required' };
    return { path, message: e.message ?? 'is invalid' };
  });
  const first = issues[0];
  throw fail('VALIDATION_ERROR', {
    vars: { detail: `${first.path.join('.') || 'body'} ${first.message}` },
    details: { issues },
  });
}

/** A usr- id, with a distinct 400 for a missing value, a wrong length, prefix, UUID or UUID version. */
export function userIdFrom(value: unknown, path = 'userId'): string {
  if (value === undefined || value === null || value === '')
    throw invalid('USER_ID_REQUIRED', [path]);
  if (typeof value !== 'string') throw invalid('USER_ID_NOT_STRING', [path]);
  if (value.length !== 40) throw invalid('USER_ID_LENGTH', [path], { length: value.length });
  if (!value.startsWith('usr-')) throw invalid('USER_ID_PREFIX', [path]);
  const uuid = value.slice(4);
  if (!UUID.test(uuid)) throw invalid('USER_ID_NOT_UUID', [path]);
  if (!UUID_V4.test(uuid)) throw invalid('USER_ID_VERSION', [path], { version: uuid[14] });
  return value.toLowerCase();
}

export function kycIdFrom(value: string): string {
  if (value.length !== 40 || !value.startsWith('kyc-') || !UUID_V4.test(value.slice(4)))
    throw invalid('KYC_ID_INVALID', ['kycId']);
  return value.toLowerCase();
}

export function keyIdFrom(value: string): string {
  if (value.length !== 40 || !value.startsWith('dwk-') || !UUID.test(value.slice(4)))
    throw invalid('KEY_ID_INVALID', ['keyId']);
  return value.toLowerCase();
}

export function redirectUriFrom(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const uri = typeof value === 'string' ? value : '';
  const localHttp = /^http:\/\/(localhost|127\.0\.0\.1)[:/]?/i.test(uri);
  if (uri.length > 2048 || !REDIRECT.test(uri) || (FORBIDDEN_SCHEMES.test(uri) && !localHttp))
    throw invalid('REDIRECT_URI_INVALID', ['redirectUri']);
  return uri;
}

/** A whole number query parameter within bounds, or the schema-style 400. */
export function intQuery(
  c: Context,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const message = `must be a whole number between ${min} and ${max}`;
    throw fail('VALIDATION_ERROR', {
      vars: { detail: `${name} ${message}` },
      details: { issues: [{ path: [name], message }] },
    });
  }
  return n;
}
