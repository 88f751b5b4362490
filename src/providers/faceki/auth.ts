// Client credentials → a signed Bearer JWT living `tokenTtl` on the tenant clock, and the check
// every other call makes. The tenant is the clientId: read from the token's payload without
// verifying (tenantOf must stay cheap), or from the token request itself.
import type { Context } from 'hono';
import { parseDuration, type Kit, type ProviderEnv, type RequestLine } from '../../engine/index.js';
import { clientById, type Client } from './clients.js';
import { fail } from './errors.js';
import { decodeJwt, signingSecret, signJwt, verifyJwt } from './jwt.js';

const MAX_ID = 128;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

const idFrom = (value: string | null | undefined) => {
  const id = value?.trim();
  return id && id.length <= MAX_ID ? id : undefined;
};

/**
 * Bearer calls: the token's clientId. GET access-token: the clientId query parameter. POST
 * generate-token: the clientId header when sent (the Blaze page's table lists the credentials as
 * headers), else the body's clientId.
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
    return idFrom(headers.get('clientid') ?? clientIdInBody(body));
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

/** Checks the credentials in Faceki's order (id, secret, known, matching) and signs a token. */
export function issueToken(kit: Kit, clientId: unknown, clientSecret: unknown) {
  if (typeof clientId !== 'string' || clientId.trim() === '') throw fail('CLIENT_ID_REQUIRED');
  if (typeof clientSecret !== 'string' || clientSecret === '') throw fail('CLIENT_SECRET_REQUIRED');
  const client = clientById(clientId.trim());
  if (!client) throw fail('CLIENT_NOT_FOUND');
  if (client.clientSecret !== null && client.clientSecret !== clientSecret)
    throw fail('CLIENT_SECRET_INVALID');
  const ttlS = Math.floor(parseDuration(kit.options.tokenTtl)! / 1000);
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
  return {
    responseCode: 0 as const,
    data: {
      access_token: signJwt(payload, signingSecret(kit.seed)),
      expires_in: ttlS,
      token_type: 'Bearer' as const,
    },
  };
}

/** The client behind a valid, unexpired Bearer token; else code 1 with the reason. */
export function clientFor(c: Context<ProviderEnv>): Client {
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
