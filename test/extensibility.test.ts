// Adding a provider is its folder, its contract and one line where providers are listed: Tiny
// (test/fixtures/tiny-provider/, built from src/engine alone) is mounted beside the registry with
// nothing else edited, and passes the same conformance and contract suites as the registered five,
// shows in the admin API, and its links open the hosted page.
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { tiny } from './fixtures/tiny-provider/index.js';
import { createSession, testing } from './fixtures/tiny-provider/testing.js';
import { call, testSandbox } from './helpers.js';
import { conformanceSuite } from './suites/conformance.js';
import { contractSuite } from './suites/contract.js';

const withTiny = () => testSandbox({ providers: [...providers, tiny] });

const pathOf = (url: string) => new URL(url).pathname;

describe('a provider defined outside the registry', () => {
  conformanceSuite(tiny, testing, { sandbox: withTiny });

  describe('tiny contract', () => contractSuite(tiny));

  it('is listed by GET /_sandbox/providers beside the registered ones', async () => {
    const res = await call<{ name: string; baseUrl: string; credentials: unknown[] }[]>(
      withTiny(),
      'GET',
      '/_sandbox/providers',
    );
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.name)).toEqual([...providers.map((p) => p.name), 'tiny']);
    expect(res.body.find((p) => p.name === 'tiny')).toMatchObject({
      baseUrl: 'http://sandbox.test/tiny',
      credentials: expect.arrayContaining([expect.objectContaining({ header: 'x-tiny-key' })]),
    });
  });

  it('answers its own API through the pipeline: auth stage, contract body check, vendor 404', async () => {
    const sb = withTiny();
    const headers = await testing.auth(sb);
    expect((await call(sb, 'GET', '/tiny/sessions')).body).toEqual({
      ok: false,
      code: 'key_missing',
      message: 'x-tiny-key is required',
    });
    const created = await createSession(sb, { subject: 'ada', redirectUri: 'myapp://kyc/done' });
    expect(created).toMatchObject({ subject: 'ada', state: 'pending' });
    const read = await call(sb, 'GET', `/tiny/sessions/${created.id}`, { headers });
    expect(read.body).toEqual(created);
    const list = await call(sb, 'GET', '/tiny/sessions', { headers });
    expect(list.body).toMatchObject({ total: 1, items: [created] });
    const missing = await call(sb, 'GET', '/tiny/sessions/nope', { headers });
    expect(missing.status).toBe(404);
    expect((await call(sb, 'GET', '/tiny/elsewhere', { headers })).body).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(sb.journal({ provider: 'tiny', operation: 'createSession' })).toHaveLength(1);
  });

  it('lists its sessions in GET /_sandbox/sessions and moves them through POST …/transition', async () => {
    const sb = withTiny();
    const created = await createSession(sb, { subject: 'grace' });
    const listed = await call<SessionView[]>(sb, 'GET', '/_sandbox/sessions?provider=tiny');
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: created.id,
        provider: 'tiny',
        tenant: 'tiny…0001',
        state: 'pending',
        link: 'live',
        next: ['started', 'approved', 'declined'],
      }),
    ]);
    const moved = await call<SessionView>(
      sb,
      'POST',
      `/_sandbox/sessions/${created.id}/transition`,
      {
        json: { state: 'approved' },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ state: 'approved', link: 'used', next: [] });
    const again = await call(sb, 'POST', `/_sandbox/sessions/${created.id}/transition`, {
      json: { state: 'declined' },
    });
    expect(again.status).toBe(409);
    const read = await call(sb, 'GET', `/tiny/sessions/${created.id}`, {
      headers: await testing.auth(sb),
    });
    expect(read.body.state).toBe('approved');
  });

  it('opens its hosted page at its link, and the page decides the session', async () => {
    const sb = withTiny();
    const { id, url } = await createSession(sb, {
      subject: 'alan',
      redirectUri: 'https://app.example/back',
    });
    expect(url).toBe(`http://sandbox.test/verify/tiny/${id}`);
    const page = await sb.app.request(pathOf(url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Consent');
    const decided = await sb.app.request(pathOf(url), {
      method: 'POST',
      body: new URLSearchParams({ state: 'approved' }),
    });
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe(
      `https://app.example/back?session=${id}&state=approved`,
    );
    expect(sb.sessions.find(id)?.view.state).toBe('approved');
    expect((await sb.app.request(pathOf(url))).status).toBe(410);
  });

  it('offers the choice a step declares, keeps it, and hands it to the transition', async () => {
    const sb = withTiny();
    const { id, url } = await createSession(sb, { subject: 'ada' });
    const post = (path: string, fields: Record<string, string>) =>
      sb.app.request(path, { method: 'POST', body: new URLSearchParams(fields) });
    expect((await post(`${pathOf(url)}/next`, { from: '0', agree: 'yes' })).status).toBe(303);
    const choice = await (await sb.app.request(`${pathOf(url)}?step=1`)).text();
    expect(choice).toContain('Which document?');
    expect(choice).toMatch(/type="radio" name="choice" value="Passport"/);
    const missing = await post(`${pathOf(url)}/next`, { from: '1' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Pick one of the options to continue.');
    expect((await post(`${pathOf(url)}/next`, { from: '1', choice: 'Tiara' })).status).toBe(400);
    expect(
      (await post(`${pathOf(url)}/next`, { from: '1', choice: 'Driving licence' })).status,
    ).toBe(303);
    expect((await post(pathOf(url), { state: 'approved' })).status).toBe(200);
    const stored = sb.snapshot({ provider: 'tiny' })['tiny:tiny_test_key_0001']!.sessions![0];
    expect(stored).toMatchObject({ id, state: 'approved', document: 'Driving licence' });
  });

  it('opens the page at a vendor-style path before the id too', async () => {
    const sb = withTiny();
    const { id } = await createSession(sb, { subject: 'barbara' });
    expect((await sb.app.request(`/verify/tiny/kycverify/${id}`)).status).toBe(200);
    expect((await sb.app.request(`/verify/tiny/kycverify/nope`)).status).toBe(404);
  });

  it('expires its links on the tenant clock, from timestamps', async () => {
    const sb = withTiny();
    const { id, url } = await createSession(sb, { subject: 'edsger' });
    await call(sb, 'POST', '/_sandbox/clock/advance', {
      json: { provider: 'tiny', tenant: 'tiny_test_key_0001', by: '2h' },
    });
    expect(sb.sessions.find(id)?.view.link).toBe('expired');
    expect((await sb.app.request(pathOf(url))).status).toBe(410);
  });
});
