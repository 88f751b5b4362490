// User access tokens: issued when registration completes and on login (the sandbox's refresh),
// valid accessTokenTtl (6 h documented) on the tenant clock. A token of another client key, or of
// a disabled user, is the documented 403; missing, unknown, other-region or expired is 401.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { parseDuration, type Kit, type ProviderEnv } from '../../engine/index.js';
import type { Region } from './clients.js';
import { fail } from './errors.js';
import { coll, newId, type AccessToken, type User } from './records.js';

export function issueToken(kit: Kit, region: Region, user: User): string {
  const now = kit.now();
  const token: AccessToken = {
    id: newId(kit, 'access-token', region),
    userId: user.id,
    issuedAt: kit.iso(now),
    expiresAt: kit.iso(now + (parseDuration(kit.options.accessTokenTtl) ?? 0)),
  };
  kit.ns.put(coll('tokens', region), token.id, token);
  return token.id;
}

/** Passwords are kept as a SHA-256 digest so a state snapshot never shows them. */
export const hashPassword = (password: string) =>
  createHash('sha256').update(password).digest('hex');

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The user behind `Authorization: Bearer <accessToken>`. */
export function bearerUser(c: Context<ProviderEnv>, kit: Kit, region: Region): User {
  const value = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  if (!value) throw fail('NOT_AUTHENTICATED');
  const token = kit.ns.get<AccessToken>(coll('tokens', region), value);
  if (!token) {
    const owner = kit.ownerOf(value);
    if (owner !== undefined && owner !== kit.tenant) throw fail('CLIENT_MISMATCH');
    throw fail('NOT_AUTHENTICATED');
  }
  if (Date.parse(token.expiresAt) <= kit.now()) throw fail('NOT_AUTHENTICATED');
  const user = kit.ns.get<User>(coll('users', region), token.userId);
  if (!user) throw fail('NOT_AUTHENTICATED');
  if (user.disabled) throw fail('USER_DISABLED');
  return user;
}
