// The redirect after the Veriff page (a per-client sandbox setting), rejection reasons, the age rule.
import { describe, expect, it } from 'vitest';
import { call, testSandbox } from '../../../test/helpers.js';
import { baanx as provider } from './index.js';
import { AGE_REASON, REJECTION_REASONS } from './lifecycle.js';
import {
  advance,
  baanx,
  detailsStep,
  move,
  OTHER_KEY,
  pagePath,
  readyForKyc,
  stateOf,
  verificationStep,
} from './testing.js';

const sandbox = (options?: Record<string, string>) =>
  testSandbox({ providers: [provider], ...(options ? { options: { baanx: options } } : {}) });
type SB = ReturnType<typeof sandbox>;

const setRedirect = (sb: SB, redirectUrl: unknown, tenant?: string) =>
  call(sb, 'PUT', `/_sandbox/providers/baanx/settings${tenant ? `?tenant=${tenant}` : ''}`, {
    json: { redirectUrl },
  });
const choose = (sb: SB, url: string, state: string, reason?: string) =>
  sb.app.request(url.startsWith('/') ? url : pagePath(url), {
    method: 'POST',
    body: new URLSearchParams({ state, ...(reason ? { reason } : {}) }),
  });
const sessionUrl = async (sb: SB, r: Awaited<ReturnType<typeof readyForKyc>>) =>
  (await verificationStep(sb, r)).body.sessionUrl as string;

describe('Baanx redirect after the Veriff page (per-client sandbox setting)', () => {
  it('sends the person back to the client redirect after a decision, without parameters', async () => {
    const sb = sandbox();
    expect((await setRedirect(sb, 'myapp://kyc/done')).body.redirectUrl).toBe('myapp://kyc/done');
    const url = await sessionUrl(sb, await readyForKyc(sb));
    const res = await choose(sb, url, 'VERIFIED');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('myapp://kyc/done');
  });

  it('keeps the page (no redirect) for a client without one, and per client', async () => {
    const sb = sandbox();
    await setRedirect(sb, 'https://other.example/back', OTHER_KEY);
    const url = await sessionUrl(sb, await readyForKyc(sb));
    expect((await choose(sb, url, 'PENDING')).status).toBe(200);
    expect((await call(sb, 'GET', '/_sandbox/providers/baanx/settings')).body.redirectUrl).toBe(
      null,
    );
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://evil.example/'],
    ['https://user:pw@evil.example/'],
    [42],
  ])('refuses %s with a sandbox 400', async (value) => {
    const res = await setRedirect(sandbox(), value);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_redirect_url');
  });

  it('accepts null to remove it, and refuses an inactive tenant', async () => {
    const sb = sandbox();
    await setRedirect(sb, 'https://app.example/back');
    expect((await setRedirect(sb, null)).body.redirectUrl).toBe(null);
    const bad = await setRedirect(sb, null, 'baa0c11e-0000-4000-8000-00000000dead');
    expect(bad.status).toBe(400);
  });
});

describe('Baanx rejection reasons and the age rule', () => {
  it('offers the documented rejection reasons on the hosted page', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    const path = pagePath(await sessionUrl(sb, r));
    const form = (from: number) =>
      sb.app.request(`${path}/next`, {
        method: 'POST',
        body: new URLSearchParams({ from: String(from), agree: 'yes' }),
      });
    for (const from of [0, 1, 2]) await form(from);
    const page = await call(sb, 'GET', path);
    for (const reason of REJECTION_REASONS) expect(page.text).toContain(reason.split(' (')[0]);
    await choose(sb, path, 'REJECTED', REJECTION_REASONS[3]);
    const admin = await call(sb, 'GET', `/_sandbox/providers/baanx/onboardings/${r.onboardingId}`);
    expect(admin.body.user.rejectionReason).toBe(REJECTION_REASONS[3]);
  });

  it('rejects an applicant under 18 for age when the outcome is left automatic', async () => {
    const sb = sandbox();
    const r = await readyForKyc(sb);
    await detailsStep(sb, r, { dateOfBirth: '2015-06-01' });
    const url = await sessionUrl(sb, r);
    await choose(sb, url, 'PENDING');
    expect(await stateOf(sb, r)).toBe('REJECTED');
    const admin = await call(sb, 'GET', `/_sandbox/providers/baanx/onboardings/${r.onboardingId}`);
    expect(admin.body.user.rejectionReason).toBe(AGE_REASON);
  });

  it('lets an operator approve an under-18 applicant explicitly, and respects minimumAge', async () => {
    const sb = sandbox({ minimumAge: '21' });
    const r = await readyForKyc(sb);
    await detailsStep(sb, r, { dateOfBirth: '2006-01-01' });
    const url = await sessionUrl(sb, r);
    await choose(sb, url, 'PENDING');
    expect(await stateOf(sb, r)).toBe('REJECTED');
    const s = await readyForKyc(sb);
    await detailsStep(sb, s, { dateOfBirth: '2015-06-01' });
    const id = (await sessionUrl(sb, s)).split('/').pop()!;
    expect((await move(sb, id, 'VERIFIED')).status).toBe(200);
    expect(await stateOf(sb, s)).toBe('VERIFIED');
  });

  it('decides an adult VERIFIED when the automatic decision lands', async () => {
    const sb = sandbox({ autoDecision: 'automated' });
    const r = await readyForKyc(sb);
    await detailsStep(sb, r);
    await choose(sb, await sessionUrl(sb, r), 'PENDING');
    await advance(sb, '16m');
    expect(await stateOf(sb, r)).toBe('VERIFIED');
    expect(
      (await baanx(sb, 'GET', `/v1/auth/register?onboardingId=${r.onboardingId}`)).status,
    ).toBe(200);
  });
});
