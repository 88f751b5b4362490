// A restart of the real command on file: state, after SIGTERM and after kill -9: the old link's page
// still opens, the next id is a new one, fault rules and the tenant's clock are as they were.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY } from '../src/providers/capa/testing.js';
import { serveCli } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'kyc-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capa = async (url: string, path: string, body?: unknown) => {
  const res = await fetch(`${url}/capa/api/partner/v2${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data: Record<string, string> } };
};

const admin = (url: string, path: string, body: unknown) =>
  fetch(`${url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(['SIGTERM', 'SIGKILL'] as const)('a restart after %s on file: state', (signal) => {
  it('keeps what was acknowledged and never issues an id twice', async () => {
    const state = `file:${join(dir, signal)}`;
    const flags = ['--clock', 'frozen', '--state', state];
    const first = await serveCli(flags);
    const user = await capa(first.url, '/users', { type: 'INDIVIDUAL', email: 'a@example.com' });
    expect(user.status).toBe(201);
    const link = await capa(first.url, `/users/${user.body.data.userId}/kyc/verification-link`, {
      country: 'MX',
    });
    expect(link.status).toBe(201);
    expect(
      (await admin(first.url, '/clock/advance', { by: '2h', provider: 'capa', tenant: KEY }))
        .status,
    ).toBe(200);
    expect(
      (
        await admin(first.url, '/faults', {
          provider: 'capa',
          scenario: 'bad_gateway',
          operation: 'getUserAgreements',
        })
      ).status,
    ).toBe(201);
    first.child.kill(signal);
    await first.exit;

    const second = await serveCli(flags);
    try {
      const page = await fetch(`${second.url}${new URL(link.body.data.kycLink!).pathname}`);
      expect(page.status).toBe(200);
      const next = await capa(second.url, '/users', { type: 'INDIVIDUAL', email: 'b@example.com' });
      expect(next.status).toBe(201);
      expect(next.body.data.userId).not.toBe(user.body.data.userId);
      const clock = await fetch(`${second.url}/_sandbox/clock?provider=capa&tenant=${KEY}`);
      expect(((await clock.json()) as { now: string }).now).toBe('2025-01-01T02:00:00.000Z');
      const failed = await capa(second.url, `/users/${user.body.data.userId}/agreements`);
      expect(failed.status).toBe(502);
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  }, 60_000);
});
