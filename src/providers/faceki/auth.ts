// Faceki's auth: client credentials → a signed HS256 Bearer JWT, checked before every other call.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { hexFrom, type Kit, type ProviderEnv, type RequestLine } from '../../engine/index.js';
import { clientById, type Client } from './accounts.js';
import { fail } from './errors.js';
import { optionsOf } from './records.js';
import { tokenIssued } from './views.js';

const MAX_ID = 128;
const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** The operations that take clientId/clientSecret instead of a Bearer token. */
const TOKEN_OPERATIONS: ReadonlySet<string> = new Set(['generateToken', 'getAccessToken']);

const idFrom = (value: string | null | undefined) => {
  const id = value?.trim();
  return id && id.length <= MAX_ID ? id : undefined;
};

/**
 * Bearer calls: the token's clientId. GET access-token: the clientId query parameter. POST
 * generate-token: the body's clientId, else the clientId header (the Blaze page's table lists the
 * credentials as headers), in the order the default tokenCredentials option reads them.
 */
export function facekiTenantOf(
  headers: Headers,
  request: RequestLine,
  body?: string,
): string | undefined {
  const bearer = BEARER.exec(headers.get('authorization') ?? '');
  if (bearer) {
    const clientId = decodeJwt(bearer[1])?.clientId;
    return typeof clientId === 'string' ? idFrom(clientId) : undefined;
  }
  if (request.path.endsWith('/auth/api/access-token'))
    return idFrom(request.query('clientId') ?? null);
  if (request.path.endsWith('/auth/api/generate-token'))
    return idFrom(clientIdInBody(body) ?? headers.get('clientid'));
  return undefined;
}

function clientIdInBody(body: string | undefined): string | null {
  try {
    const clientId = (JSON.parse(body ?? '') as { clientId?: unknown } | null)?.clientId;
    return typeof clientId === 'string' ? clientId : null;
  } catch {
    return null;
  }
}

/** Checks the credentials in Faceki's order (id, secret, known, matching); the token lives tokenTtl on the tenant clock. */
export function issueToken(kit: Kit, clientId: unknown, clientSecret: unknown) {
  if (typeof clientId !== 'string' || clientId.trim() === '') throw fail('CLIENT_ID_REQUIRED');
  if (typeof clientSecret !== 'string' || clientSecret === '') throw fail('CLIENT_SECRET_REQUIRED');
  const client = clientById(clientId.trim());
  if (!client) throw fail('CLIENT_NOT_FOUND');
  if (client.clientSecret !== null && client.clientSecret !== clientSecret)
    throw fail('CLIENT_SECRET_INVALID');
  const ttlS = Math.floor(optionsOf(kit).tokenTtl / 1000);
  const iat = Math.floor(kit.now() / 1000);
  // Cognito-like claims, as in Faceki's sample token (scope kyc/all), plus the clientId the sandbox keys on.
  const payload = {
    sub: client.clientId,
    clientId: client.clientId,
    scope: 'kyc/all',
    token_use: 'access',
    iss: 'https://sdk.faceki.com',
    iat,
    exp: iat + ttlS,
    jti: kit.ids.uuid('token'),
  };
  return tokenIssued(signJwt(payload, signingSecret(kit.seed)), ttlS);
}

/**
 * The auth stage: the client behind a valid, unexpired Bearer token (signature, tenant, expiry, in
 * that order; else code 1 with the reason). The token endpoints check their own credentials, and an
 * unknown path (no operation) gets Faceki's 404 whatever it presents.
 */
export function facekiAuth(c: Context<ProviderEnv>): Client | undefined {
  const operation = c.get('operation');
  if (operation === null || TOKEN_OPERATIONS.has(operation)) return undefined;
  const kit = c.get('kit');
  const bearer = BEARER.exec(c.req.header('authorization') ?? '');
  if (!bearer) throw fail('TOKEN_MISSING');
  const payload = verifyJwt(bearer[1], signingSecret(kit.seed));
  if (!payload || payload.clientId !== kit.tenant || typeof payload.exp !== 'number')
    throw fail('TOKEN_INVALID');
  const client = clientById(kit.tenant);
  if (!client) throw fail('TOKEN_INVALID');
  if (payload.exp * 1000 <= kit.now()) throw fail('TOKEN_EXPIRED');
  return client;
}

/** The client the auth stage established; a route the stage let through has none, and is refused. */
export function clientOf(c: Context<ProviderEnv>): Client {
  const client = c.get('principal') as Client | undefined;
  if (!client) throw fail('TOKEN_MISSING');
  return client;
}

// A small HS256 JWT: sign, verify the signature, and decode without verifying. Written here rather
// than hono/jwt because that one checks `exp` against the real clock; expiry here is on kit.now().

export type JwtPayload = Record<string, unknown>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const mac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url');

/** The signing secret: derived from the sandbox seed, so one seed issues the same tokens. */
const signingSecret = (seed: string) => hexFrom(32, seed, 'faceki', 'jwt-hs256');

export function signJwt(payload: JwtPayload, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${mac(secret, body)}`;
}

function parsePart(part: string): JwtPayload | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as JwtPayload)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The payload, unverified: cheap enough for tenantOf on every request. */
function decodeJwt(token: string): JwtPayload | undefined {
  if (token.length > 4096 || !JWT.test(token)) return undefined;
  return parsePart(token.split('.')[1]);
}

/** The payload when the token is an HS256 JWT signed with `secret`; expiry is the caller's business. */
function verifyJwt(token: string, secret: string): JwtPayload | undefined {
  if (token.length > 4096 || !JWT.test(token)) return undefined;
  const [header, payload, signature] = token.split('.');
  if (parsePart(header)?.alg !== 'HS256') return undefined;
  const expected = Buffer.from(mac(secret, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return parsePart(payload);
}
