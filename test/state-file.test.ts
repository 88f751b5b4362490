// The file: backend in process: what one sandbox acknowledged, the next one on the same directory
// reads back — records, lookup rows, settings, id streams, clock offsets and fault rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE, capa, createLink, createUser, KEY } from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stateDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-state-'));
  dirs.push(dir);
  return `file:${dir}`;
}

describe('file: state in process', () => {
  it('reads back users, links and lookups, and issues new ids after a restart', async () => {
    const state = stateDir();
    const a = testSandbox({ state });
    const userId = await createUser(a, { email: 'kept@example.com' });
    const link = await createLink(a, userId);
    expect(link.status).toBe(201);
    await a.close();

    const b = testSandbox({ state });
    const details = await capa(b, 'GET', `/kyc/details?userId=${userId}`);
    expect(details.status).toBe(200);
    const dup = await capa(b, 'POST', '/users', { type: 'INDIVIDUAL', email: 'kept@example.com' });
    expect(dup.status).toBe(409);
    const next = await createUser(b);
    expect(next).not.toBe(userId);
    const page = await b.app.request(new URL(link.body.data.kycLink).pathname);
    expect(page.status).toBe(200);
    const second = await createLink(b, next);
    expect(second.body.data.kycLink).not.toBe(link.body.data.kycLink);
  });

  it('keeps clock offsets and fault rules', async () => {
    const state = stateDir();
    const a = testSandbox({ state });
    await a.time.advance(3_600_000, { provider: 'capa', tenant: KEY });
    a.faults.add({ provider: 'capa', scenario: 'internal_error', times: 2 });
    const added = await call(a, 'POST', '/_sandbox/faults', {
      json: { provider: 'capa', scenario: 'bad_gateway', operation: 'getKybDetails' },
    });
    expect(added.status).toBe(201);
    const before = a.time.now({ provider: 'capa', tenant: KEY });
    await a.close();

    const b = testSandbox({ state });
    expect(b.time.now({ provider: 'capa', tenant: KEY })).toBe(before);
    expect(b.faults.list().map((r) => r.scenario)).toEqual(['internal_error', 'bad_gateway']);
    const failed = await call(b, 'GET', `${BASE}/kyc/details?userId=x`, {
      headers: { 'partner-api-key': KEY },
    });
    expect(failed.status).toBe(500);
    expect(b.faults.list()[0]!.times).toBe(1);
  });

  it('forgets what a reset dropped', async () => {
    const state = stateDir();
    const a = testSandbox({ state });
    const userId = await createUser(a);
    a.reset({ provider: 'capa' });
    await call(a, 'POST', '/_sandbox/reset', { json: {} });
    await a.close();
    const b = testSandbox({ state });
    expect((await capa(b, 'GET', `/kyc/details?userId=${userId}`)).status).toBe(404);
    expect(await createUser(b)).toBe(userId); // a reset starts the id streams again
  });
});
