// A small HS256 JWT: sign, verify the signature, and decode without verifying. Written here rather
// than hono/jwt because that one checks `exp` against the real clock; expiry here is on kit.now().
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hexFrom } from '../../engine/index.js';

export type JwtPayload = Record<string, unknown>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const mac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url');

/** The signing secret: derived from the sandbox seed, so one seed issues the same tokens. */
export const signingSecret = (seed: string) => hexFrom(32, seed, 'faceki', 'jwt-hs256');

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
export function decodeJwt(token: string): JwtPayload | undefined {
  if (token.length > 4096 || !JWT.test(token)) return undefined;
  return parsePart(token.split('.')[1]);
}

/** The payload when the token is an HS256 JWT signed with `secret`; expiry is the caller's business. */
export function verifyJwt(token: string, secret: string): JwtPayload | undefined {
  if (token.length > 4096 || !JWT.test(token)) return undefined;
  const [header, payload, signature] = token.split('.');
  if (parsePart(header)?.alg !== 'HS256') return undefined;
  const expected = Buffer.from(mac(secret, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return parsePart(payload);
}
