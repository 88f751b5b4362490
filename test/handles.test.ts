// Tenant handles: one tenant's clock, sessions, journal, faults and webhooks from code, typed, over
// the same services as the admin API; requests go through HTTP, a second tenant sees none of it.
import { describe, expect, it } from 'vitest';
import {
  capa,
  createLink,
  createUser,
  KEY,
  OTHER_KEY,
  sessionIdOf,
} from '../src/providers/capa/testing.js';
import { call, testSandbox } from './helpers.js';

describe('sb.tenant(provider, credential)', () => {
  it('counts and finds the requests of its tenant only', async () => {
    const sb = testSandbox();
    const t = sb.tenant('capa', KEY);
    await createLink(sb, await createUser(sb));
    await createUser(sb, {}, OTHER_KEY);
    expect(t.journal.count({ operation: 'createKycVerificationLink' })).toBe(1);
    expect(t.journal.count({ operation: 'createUser' })).toBe(1);
    expect(t.journal.find({ method: 'post', status: 201 })).toHaveLength(2);
    expect(t.journal.find({ path: /verification-link$/ })[0]!.responseBody).toMatchObject({
      success: true,
    });
    expect(sb.tenant('capa', OTHER_KEY).journal.count()).toBe(1);
  });

  it('advances its own clock and expires its links, as the admin API does', async () => {
    const sb = testSandbox();
    const t = sb.tenant('capa', KEY);
    const link = await createLink(sb, await createUser(sb));
    const id = sessionIdOf(link.body.data.kycLink);
    const before = t.clock.now().getTime();
    await t.clock.advance('7d');
    expect(t.clock.now().getTime() - before).toBe(7 * 86_400_000);
    expect(sb.tenant('capa', OTHER_KEY).clock.now().getTime()).toBe(before);
    expect(t.sessions.get(id)?.link).toBe('expired');
    const page = await sb.app.request(new URL(link.body.data.kycLink).pathname);
    expect(page.status).toBe(410);
    await t.clock.set('2030-01-01T00:00:00Z');
    expect(t.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    await expect(t.clock.advance('-1d')).rejects.toThrow(/duration/);
  });

  it('lists, reads and moves its sessions, never another tenant’s', async () => {
    const sb = testSandbox();
    const t = sb.tenant('capa', KEY);
    const mine = sessionIdOf((await createLink(sb, await createUser(sb))).body.data.kycLink);
    const other = await createLink(sb, await createUser(sb, {}, OTHER_KEY), {}, OTHER_KEY);
    const theirs = sessionIdOf(other.body.data.kycLink);
    expect(t.sessions.list().map((s) => s.id)).toEqual([mine]);
    expect(t.sessions.get(theirs)).toBeUndefined();
    await expect(t.sessions.transition(theirs, 'VERIFIED')).rejects.toThrow(/No session/);
    const moved = await t.sessions.transition(mine, 'REVIEW_NEEDED');
    expect(moved.state).toBe('REVIEW_NEEDED');
    expect(t.sessions.list({ state: 'REVIEW_NEEDED' })).toHaveLength(1);
    await t.sessions.transition(mine, 'VERIFIED');
    expect(t.webhooks.deliveries().length).toBeGreaterThan(0);
    expect(sb.tenant('capa', OTHER_KEY).webhooks.deliveries()).toEqual([]);
  });

  it('adds and clears its own fault rules', async () => {
    const sb = testSandbox();
    const t = sb.tenant('capa', KEY);
    t.faults.add({ operation: 'createUser', scenario: 'INTERNAL_SERVER_ERROR', times: 1 });
    expect(t.faults.list()).toHaveLength(1);
    expect((await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'a@b.co' })).status).toBe(
      500,
    );
    expect((await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL', email: 'a@b.co' })).status).toBe(
      201,
    );
    t.faults.add({ status: 503 });
    const untouched = await capa(sb, 'POST', '/users', { type: 'INDIVIDUAL' }, OTHER_KEY);
    expect(untouched.status).not.toBe(503);
    t.faults.clear();
    expect(t.faults.list()).toEqual([]);
    expect(() => t.faults.add({ operation: 'nope', status: 500 })).toThrow(/no operation/);
    expect(t.journal.count({ operation: 'createUser', status: 500 })).toBe(1);
  });

  it('resets its tenant only, and names a mounted provider', async () => {
    const sb = testSandbox();
    await createUser(sb);
    await createUser(sb, {}, OTHER_KEY);
    sb.tenant('capa', KEY).reset();
    expect(sb.tenant('capa', KEY).journal.count()).toBe(0);
    expect(sb.tenant('capa', OTHER_KEY).journal.count()).toBe(1);
    expect(() => sb.tenant('nope', KEY)).toThrow(/No provider "nope"/);
    expect((await call(sb, 'GET', '/_sandbox/health')).status).toBe(200);
  });
});
