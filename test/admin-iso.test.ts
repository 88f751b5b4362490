// Admin JSON names every instant the same way: ISO 8601 strings (or null), never epoch ms.
import { describe, expect, it } from 'vitest';
import {
  capa,
  createLink,
  createUser,
  decide,
  sessionIdOf,
} from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

/** Every value under a key that names an instant ("at", "…At"), with its path. */
function instants(value: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => instants(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === 'at' || k === 'now' || /[a-z]At$/.test(k)
      ? [[`${path}.${k}`, v] as [string, unknown]]
      : []),
    ...instants(v, `${path}.${k}`),
  ]);
}

describe('admin JSON', () => {
  it('gives every instant as an ISO 8601 string', async () => {
    // A receiver that refuses: the delivery waits for its next attempt (nextAttemptAt set).
    const sb = testSandbox({ fetch: async () => new Response('no', { status: 503 }) });
    await capa(sb, 'PUT', '/webhook-settings', { url: 'https://receiver.example/hook' });
    const link = await createLink(sb, await createUser(sb));
    await decide(sb, sessionIdOf(link.body.data.kycLink), 'VERIFIED');
    const seen: [string, unknown][] = [];
    for (const path of ['webhooks', 'sessions', 'journal', 'tenants', 'clock', 'faults']) {
      const res = await call(sb, 'GET', `/_sandbox/${path}`);
      expect(res.status, path).toBe(200);
      seen.push(...instants(res.body, path));
    }
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.some(([where, v]) => where.endsWith('nextAttemptAt') && v !== null)).toBe(true);
    for (const [where, v] of seen)
      expect([where, v]).toEqual([
        where,
        expect.toSatisfy(
          (x) =>
            x === null ||
            (typeof x === 'string' && !Number.isNaN(Date.parse(x)) && /T.*Z$/.test(x)),
        ),
      ]);
  });
});
