import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import type { Sandbox } from '../../sandbox/index.js';
import { baanx as provider } from './index.js';
import {
  advance,
  baanx,
  readyForKyc,
  freshEmail,
  move,
  pagePath,
  register,
  sessionIdOf,
  stateOf,
  verificationStep,
  type Registration,
} from './testing.js';

const sandbox = (autoDecision?: string) =>
  testSandbox({
    providers: [provider],
    ...(autoDecision ? { options: { baanx: { autoDecision } } } : {}),
  });

async function withSession(
  sb: Sandbox,
  email?: string,
): Promise<Registration & { sessionId: string; url: string }> {
  const r = await readyForKyc(sb, email ? { email } : {});
  const url = (await verificationStep(sb, r)).body.sessionUrl;
  return { ...r, url, sessionId: sessionIdOf(url) };
}

/** A registered user (completed onboardings stay readable past onboardingTtl) with the registration session. */
async function registered(sb: Sandbox, email?: string) {
  const r = await register(sb, { kyc: true, ...(email ? { email } : {}) });
  return { ...r, sessionId: sessionIdOf(r.sessionUrl!) };
}

describe('Baanx verificationState through the admin API and the hosted page', () => {
  it('moves UNVERIFIED → PENDING → VERIFIED through the admin API', async () => {
    const sb = sandbox();
    const r = await withSession(sb);
    expect((await move(sb, r.sessionId, 'PENDING')).body).toMatchObject({
      state: 'PENDING',
      link: 'used',
      next: ['VERIFIED', 'REJECTED'],
    });
    expect(await stateOf(sb, r)).toBe('PENDING');
    expect((await move(sb, r.sessionId, 'VERIFIED')).body.state).toBe('VERIFIED');
    expect(await stateOf(sb, r)).toBe('VERIFIED');
  });

  it('submits and decides at once when the page (or admin) picks an outcome on a live link', async () => {
    const sb = sandbox();
    const r = await withSession(sb);
    const res = await call(sb, 'POST', pagePath(r.url), {
      body: 'state=REJECTED',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.text).toContain('REJECTED');
    expect(await stateOf(sb, r)).toBe('REJECTED');
  });

  it('lists the session with its state and allowed moves for operators', async () => {
    const sb = sandbox();
    const r = await withSession(sb);
    const view = (await call(sb, 'GET', `/_sandbox/sessions/${r.sessionId}`)).body;
    expect(view).toMatchObject({
      provider: 'baanx',
      tenant: 'baa0…0001', // the admin API shows keys masked
      state: 'UNVERIFIED',
      subject: r.userId,
      url: r.url,
      link: 'live',
      next: ['PENDING', 'VERIFIED', 'REJECTED'],
      expiresAt: '2025-01-08T00:00:00.000Z',
    });
  });

  it('refuses moves through a used link once decided, with a hint', async () => {
    const sb = sandbox();
    const r = await withSession(sb);
    await move(sb, r.sessionId, 'VERIFIED');
    const res = await move(sb, r.sessionId, 'REJECTED');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      type: 'sandbox_error',
      code: 'illegal_transition',
      hint: 'allowed now: none (this link is used; GET /v1/user/verification makes a new one)',
    });
  });

  it('refuses an unknown state name', async () => {
    const sb = sandbox();
    const r = await withSession(sb);
    expect((await move(sb, r.sessionId, 'APPROVED')).status).toBe(409);
  });

  it('lets a REJECTED user re-verify after registration: REJECTED → PENDING → VERIFIED', async () => {
    const sb = sandbox();
    const r = await register(sb, { kyc: true });
    await move(sb, sessionIdOf(r.sessionUrl!), 'REJECTED', 'Document expired');
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    await move(sb, sessionIdOf(url), 'PENDING');
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('PENDING');
    await move(sb, sessionIdOf(url), 'VERIFIED');
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('VERIFIED');
  });
});

describe('Baanx automatic decisions (autoDecision option, applied when the state is read)', () => {
  it('stays PENDING with autoDecision=off until someone decides', async () => {
    const sb = sandbox();
    const r = await registered(sb);
    await move(sb, r.sessionId, 'PENDING');
    await advance(sb, '3h');
    expect(await stateOf(sb, r)).toBe('PENDING');
  });

  it('decides VERIFIED 5–15 minutes after submission with autoDecision=automated', async () => {
    const sb = sandbox('automated');
    const r = await registered(sb);
    await move(sb, r.sessionId, 'PENDING');
    await advance(sb, '4m59s');
    expect(await stateOf(sb, r)).toBe('PENDING');
    await advance(sb, '10m1s');
    expect(await stateOf(sb, r)).toBe('VERIFIED');
  });

  it('decides 15–60 minutes after submission with autoDecision=manual', async () => {
    const sb = sandbox('manual');
    const r = await registered(sb);
    await move(sb, r.sessionId, 'PENDING');
    await advance(sb, '14m59s');
    expect(await stateOf(sb, r)).toBe('PENDING');
    await advance(sb, '45m1s');
    expect(await stateOf(sb, r)).toBe('VERIFIED');
  });

  it('lets an operator decide before the automatic decision lands', async () => {
    const sb = sandbox('manual');
    const r = await registered(sb);
    await move(sb, r.sessionId, 'PENDING');
    await move(sb, r.sessionId, 'REJECTED');
    await advance(sb, '1h');
    expect(await stateOf(sb, r)).toBe('REJECTED');
  });

  it('draws the decision instant from the seed: two sandboxes with one seed decide at the same second', async () => {
    const decidedAfter = async () => {
      const sb = testSandbox({
        providers: [provider],
        seed: 'same',
        options: { baanx: { autoDecision: 'manual' } },
      });
      const r = await registered(sb, 'fixed@example.com');
      await move(sb, r.sessionId, 'PENDING');
      for (let minutes = 0; minutes <= 60; minutes++) {
        if ((await stateOf(sb, r)) === 'VERIFIED') return minutes;
        await advance(sb, '1m');
      }
      return -1;
    };
    const first = await decidedAfter();
    expect(first).toBeGreaterThan(15);
    expect(first).toBeLessThanOrEqual(60);
    expect(await decidedAfter()).toBe(first);
  });
});

describe('Baanx magic values', () => {
  it('approves a person at @approve.baanx.test as soon as the session exists (autoDecision=off)', async () => {
    const sb = sandbox();
    const r = await withSession(sb, freshEmail('approve.baanx.test'));
    expect(await stateOf(sb, r)).toBe('VERIFIED');
  });

  it('rejects a person at @reject.baanx.test after the automated delay', async () => {
    const sb = sandbox('automated');
    const r = await withSession(sb, freshEmail('reject.baanx.test'));
    expect(await stateOf(sb, r)).toBe('PENDING');
    await advance(sb, '15m');
    expect(await stateOf(sb, r)).toBe('REJECTED');
  });

  it('rejects a re-verification of a @reject.baanx.test person again', async () => {
    const sb = sandbox();
    const r = await register(sb, { email: freshEmail('reject.baanx.test'), kyc: true });
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('REJECTED');
    await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken });
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('REJECTED');
  });

  it('decides by lastName Rejected when the automatic decision lands after personal details', async () => {
    const sb = sandbox('automated');
    const r = await register(sb, { lastName: 'Rejected', kyc: false });
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    await move(sb, sessionIdOf(url), 'PENDING');
    await advance(sb, '15m');
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('REJECTED');
  });

  it('decides a lastName Approved submission at once with autoDecision=off', async () => {
    const sb = sandbox();
    const r = await register(sb, { lastName: 'approved' });
    const url = (
      await baanx(sb, 'GET', '/v1/user/verification', undefined, { token: r.accessToken })
    ).body.sessionUrl;
    await move(sb, sessionIdOf(url), 'PENDING');
    expect(
      (await baanx(sb, 'GET', '/v1/user', undefined, { token: r.accessToken })).body
        .verificationState,
    ).toBe('VERIFIED');
  });
});
