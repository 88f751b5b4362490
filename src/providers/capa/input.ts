// Request checks shared by Capa's handlers: body against the contract, ids, users, redirect URIs.
import type { Context } from 'hono';
import { requestJsonObject, type Kit, type ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import type { CapaUser } from './lifecycle.js';
import { USERS } from './verification.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// https, or a custom app scheme (myapp://); plain http only for a developer's own machine.
const REDIRECT =
  /^(https:\/\/[^\s]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s]*)?|[a-z][a-z0-9+.-]*:\/\/[^\s]*)$/i;
const FORBIDDEN_SCHEMES = /^(javascript|data|vbscript|file|http):/i;

/** The JSON body, checked against the operation's contract schema; anything off is Capa's 400. */
export function bodyFor(c: Context<ProviderEnv>, operation: string): Record<string, unknown> {
  const body = requestJsonObject(c);
  if (!body.ok)
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: { issues: [{ path: '', message: `body: ${body.reason}` }] },
    });
  const errors = c.get('kit').contract.checkRequest(operation, body.value);
  if (errors) {
    const issues = errors.map((e) => ({
      path: e.instancePath || '/',
      message: e.message ?? 'invalid',
    }));
    throw fail('INVALID_USER_INPUT_ERROR', { details: { issues } });
  }
  return body.value;
}

export function userIdFrom(value: string | undefined): string {
  if (!value || !UUID.test(value))
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: { issues: [{ path: 'userId', message: 'must be a UUID' }] },
    });
  return value.toLowerCase();
}

/** This partner's user; another partner's user and an unknown id get Capa's two different answers. */
export function userFor(kit: Kit, userId: string): CapaUser {
  const user = kit.ns.get<CapaUser>(USERS, userId);
  if (user) return user;
  const owner = kit.ownerOf(userId);
  if (owner !== undefined && owner !== kit.tenant) throw fail('USER_NOT_ASSOCIATED');
  throw fail('NOT_FOUND_ERROR');
}

export function redirectUriFrom(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const uri = String(value);
  const localHttp = /^http:\/\/(localhost|127\.0\.0\.1)[:/]?/i.test(uri);
  if (!REDIRECT.test(uri) || (FORBIDDEN_SCHEMES.test(uri) && !localHttp)) {
    throw fail('INVALID_USER_INPUT_ERROR', {
      details: {
        issues: [
          {
            path: '/partnerRedirectUri',
            message: 'must be https:// or a custom app scheme such as myapp://',
          },
        ],
      },
    });
  }
  return uri;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
