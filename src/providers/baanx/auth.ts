// Baanx's auth stage: the x-client-key of every call, the region, and the Bearer of user calls.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Kit, ProviderEnv } from '../../engine/index.js';
import { isActiveClient } from './accounts.js';
import { fail } from './errors.js';
import { optionsOf } from './lifecycle.js';
import {
  getUser,
  newId,
  ownedToken,
  putToken,
  type AccessToken,
  type Region,
  type User,
} from './records.js';

export const US_HEADER = 'x-us-env';

/** What the auth stage establishes: the region, and on user calls the Bearer token's user. */
export interface Principal {
  region: Region;
  user?: User;
}

/** The operations that also need `Authorization: Bearer <accessToken>`. */
const BEARER_OPERATIONS: ReadonlySet<string> = new Set(['getUser', 'getUserVerification']);

/**
 * `x-us-env: true` (any case) or the guides' `region=us` query parameter routes to the US backend;
 * anything else, including a malformed value, is the international default.
 */
export function regionOf(c: Context): Region {
  if (c.req.header(US_HEADER)?.trim().toLowerCase() === 'true') return 'us';
  return c.req.query('region')?.trim().toLowerCase() === 'us' ? 'us' : 'intl';
}

/**
 * Run by the pipeline before every route: a known, active client key first (Baanx's 498 "Invalid
 * Token", before the body is read), then the region, then on user calls the Bearer token.
 */
export function baanxAuth(c: Context<ProviderEnv>): Principal {
  const kit = c.get('kit');
  if (!isActiveClient(kit.tenant)) throw fail('INVALID_CLIENT_KEY');
  const region = regionOf(c);
  if (!BEARER_OPERATIONS.has(operationOf(c) ?? '')) return { region };
  return { region, user: bearerUser(c, kit, region) };
}

/**
 * The contract operation; Hono answers HEAD with the GET route, but the contract names GET only,
 * so a HEAD is checked as its GET is (a HEAD /v1/user must not skip the token).
 */
function operationOf(c: Context<ProviderEnv>): string | null {
  const operation = c.get('operation');
  if (operation || c.req.method !== 'HEAD') return operation;
  const path = c.req.path.slice(c.get('kit').provider.length + 1) || '/';
  return c.get('kit').contract.match('GET', path)?.id ?? null;
}

/** What the auth stage established for this call. */
export const principalOf = (c: Context<ProviderEnv>) => c.get('principal') as Principal;

/** The Bearer token's user, on the calls whose auth stage asked for one. */
export function userOf(c: Context<ProviderEnv>): { region: Region; user: User } {
  const { region, user } = principalOf(c);
  if (!user) throw fail('NOT_AUTHENTICATED');
  return { region, user };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The user behind `Authorization: Bearer <accessToken>`. A token of another client key, or of a
 * disabled user, is the documented 403; missing, unknown, other-region or expired is 401.
 */
function bearerUser(c: Context<ProviderEnv>, kit: Kit, region: Region): User {
  const value = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  if (!value) throw fail('NOT_AUTHENTICATED');
  const token = ownedToken(kit, region, value, {
    unknown: () => fail('NOT_AUTHENTICATED'),
    foreign: () => fail('CLIENT_MISMATCH'),
  });
  // A token from a login that asked for OTP is "not valid for API calls" until the OTP login.
  if (Date.parse(token.expiresAt) <= kit.now() || token.otpPending) throw fail('NOT_AUTHENTICATED');
  const user = getUser(kit, region, token.userId);
  if (!user) throw fail('NOT_AUTHENTICATED');
  if (user.disabled) throw fail('USER_DISABLED');
  return user;
}

/**
 * A user access token: issued when registration completes and on login (the sandbox's refresh),
 * valid accessTokenTtl (6 h documented) on the tenant clock.
 */
export function issueToken(kit: Kit, region: Region, user: User, otpPending = false): string {
  const now = kit.now();
  const token: AccessToken = {
    id: newId(kit, 'access-token', region),
    userId: user.id,
    issuedAt: kit.iso(now),
    expiresAt: kit.iso(now + optionsOf(kit).accessTokenTtl),
    otpPending,
  };
  putToken(kit, region, token);
  return token.id;
}

/** Passwords are kept as a SHA-256 digest so a state snapshot never shows them. */
export const hashPassword = (password: string) =>
  createHash('sha256').update(password).digest('hex');
