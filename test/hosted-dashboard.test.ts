// The dashboard in-process: what each page shows (and never shows), and that its form actions do
// what the admin API does, refuse bad input with a page, and only ever redirect back to itself.
import { describe, expect, it } from 'vitest';
import { handleOf } from '../src/hosted/security.js';
import {
  createLink,
  createUser,
  KEY as CAPA_KEY,
  sessionIdOf,
} from '../src/providers/capa/testing.js';
import { createEntity, createValidation, ORG } from '../src/providers/gu1/testing.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { call, receiver, testSandbox } from './helpers.js';

/** The dashboard's CSRF token as a browser holds it: the cookie a page sets, and the forms' field. */
async function csrf(sb: Sandbox) {
  const page = await sb.app.request('/_sandbox/ui');
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, token };
}

/** A dashboard form post, as the browser that loaded the page sends it. */
const post = async (sb: Sandbox, path: string, fields: Record<string, string>) => {
  const { cookie, token } = await csrf(sb);
  return sb.app.request(`/_sandbox/ui${path}`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...fields, csrf: token }),
  });
};

/** Where a form post's redirect lands: its Location is relative to the form's URL (a proxy's prefix stays). */
const landing = (res: Response, path: string) => {
  const to = new URL(res.headers.get('location')!, `http://sandbox.test/_sandbox/ui${path}`);
  return to.origin === 'http://sandbox.test' ? to.pathname + to.search : to.href;
};

async function capaSession(sb: Sandbox) {
  const userId = await createUser(sb);
  return sessionIdOf((await createLink(sb, userId)).body.data.kycLink);
}

describe('dashboard forms', () => {
  it('refuse a post without the CSRF token its page set, or with another', async () => {
    const sb = testSandbox();
    const { cookie, token } = await csrf(sb);
    const reset = (headers: Record<string, string>, fields: Record<string, string>) =>
      sb.app.request('/_sandbox/ui/reset', {
        method: 'POST',
        headers,
        body: new URLSearchParams(fields),
      });
    expect((await reset({}, { tenant: '*' })).status).toBe(403);
    expect((await reset({ cookie }, { tenant: '*' })).status).toBe(403);
    expect((await reset({ cookie }, { tenant: '*', csrf: `${token.slice(1)}x` })).status).toBe(403);
    expect((await reset({ cookie }, { tenant: '*', csrf: token })).status).toBe(303);
  });
});

describe('dashboard pages', () => {
  it('lists tenants (masked) and sessions with state and expiry on the tenant clock', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    const res = await call(sb, 'GET', '/_sandbox/ui');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.text).toContain(`data-session="${id}"`);
    expect(res.text).toContain('IN_PROGRESS');
    expect(res.text).toContain('in 1d 0h');
    expect(res.text).toContain('capa…');
    expect(res.text).toContain(`#${handleOf('capa', CAPA_KEY)}`);
    expect(res.text).not.toContain(CAPA_KEY);
  });

  it('shows a used link as used, not as a countdown to its expiry', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    await sb.sessions.transition(id, 'VERIFIED');
    expect(sb.sessions.find(id)?.view.link).toBe('used');
    const res = await call(sb, 'GET', '/_sandbox/ui');
    expect(res.text).toContain('link used');
    expect(res.text).not.toContain('in 1d 0h');
  });

  it('shows the journal without credentials: keys and secrets in headers or queries are masked', async () => {
    const sb = testSandbox();
    await call(
      sb,
      'GET',
      '/faceki/auth/api/access-token?clientId=faceki_test_client_v2&clientSecret=faceki_test_secret_v2_000001',
    );
    await capaSession(sb);
    const res = await call(sb, 'GET', '/_sandbox/ui/journal');
    expect(res.text).toContain('/auth/api/access-token');
    expect(res.text).toContain('clientSecret=face…0001');
    expect(res.text).not.toContain('faceki_test_secret_v2_000001');
    expect(res.text).not.toContain(CAPA_KEY);
    // Bodies, folded under each request: what the client sent and what it got.
    expect(res.text).toContain('<summary>bodies</summary>');
    expect(res.text).toMatch(/<pre>\{\n {2}&quot;country&quot;: &quot;MX&quot;\n\}<\/pre>/);
    expect(res.text).toContain('&quot;kycLink&quot;');
  });

  it('shows webhook deliveries with their attempts but never the signing secret', async () => {
    const sb = testSandbox();
    const hooks = await receiver();
    const id = (
      await createValidation(sb, await createEntity(sb), {
        webhookUrl: `${hooks.url}?token=abc123`,
      })
    ).body.id;
    await call(sb, 'POST', `/_sandbox/sessions/${id}/transition`, {
      json: { state: 'in_progress' },
    });
    const res = await call(sb, 'GET', '/_sandbox/ui/webhooks?provider=gu1');
    expect(res.text).toContain('kyc.validation_in_progress');
    expect(res.text).toContain(' · 200');
    expect(res.text).not.toContain('whsec_');
    expect(res.text).not.toContain('abc123');
    await hooks.close();
  });

  it('lists the scenario catalogue, filtered by provider', async () => {
    const sb = testSandbox();
    const res = await call(sb, 'GET', '/_sandbox/ui/scenarios?provider=kulipa');
    expect(res.text).toContain('drop_connection');
    expect(res.text).toContain('kyc_in_review_error');
    expect(res.text).not.toContain('INVALID_PARTNER_FLOW');
  });

  it('escapes what clients sent, wherever the dashboard shows it', async () => {
    const sb = testSandbox();
    await call(
      sb,
      'GET',
      '/gu1/api/kyc/entities/x/validations?status=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      {
        headers: {
          authorization: 'Bearer gk_sandbox_org1_5f0c2a9e00000001',
          'x-organization-id': ORG,
        },
      },
    );
    const journal = await call(sb, 'GET', '/_sandbox/ui/journal');
    expect(journal.text).not.toContain('<script>alert(1)');
    expect(journal.text).toContain('&lt;script&gt;');
  });
});

describe('dashboard actions', () => {
  it('advances one tenant clock through the admin API and returns to the page with a notice', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    const res = await post(sb, '/clock/advance', {
      tenant: handleOf('capa', CAPA_KEY),
      by: '25h',
      back: '/_sandbox/ui?provider=capa',
    });
    expect([res.status, landing(res, '/clock/advance')]).toEqual([
      303,
      '/_sandbox/ui?provider=capa&notice=advanced',
    ]);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body.link).toBe('expired');
    expect(sb.time.now({ provider: 'capa', tenant: CAPA_KEY }) - sb.time.now()).toBe(
      25 * 3_600_000,
    );
    const page = await call(sb, 'GET', '/_sandbox/ui?provider=capa&notice=advanced');
    expect(page.text).toContain('Clock advanced');
  });

  it('adds a fault rule from the scenario page, which fails the next call, and deletes one', async () => {
    const sb = testSandbox();
    await capaSession(sb);
    const page = await call(sb, 'GET', '/_sandbox/ui/scenarios?provider=capa');
    expect(page.text).toContain('data-fault="capa:USER_CREATION_FAILED"');
    const added = await post(sb, '/faults', {
      provider: 'capa',
      scenario: 'USER_CREATION_FAILED',
      tenant: handleOf('capa', CAPA_KEY),
      operation: 'createUser',
      times: '1',
      back: '/_sandbox/ui/scenarios?provider=capa',
    });
    expect(landing(added, '/faults')).toBe(
      '/_sandbox/ui/scenarios?provider=capa&notice=fault-added',
    );
    expect(sb.faults.list()).toMatchObject([
      { tenant: CAPA_KEY, operation: 'createUser', times: 1 },
    ]);
    await expect(createUser(sb)).rejects.toThrow(/createUser: 500/);
    await createUser(sb);
    const refused = await post(sb, '/faults', { provider: 'capa', scenario: 'NOPE', tenant: '*' });
    expect(refused.status).toBe(400);
    const rule = sb.faults.add({ provider: 'capa', status: 503 });
    expect((await call(sb, 'GET', '/_sandbox/ui/scenarios')).text).toContain(rule.id);
    await post(sb, `/faults/${rule.id}/delete`, { back: '/_sandbox/ui/scenarios' });
    expect(sb.faults.list()).toEqual([]);
  });

  it('adds a webhook scenario rule, sends an event about a session, and shows the scenario', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    const scenarios = await call(sb, 'GET', '/_sandbox/ui/scenarios?provider=capa');
    expect(scenarios.text).toContain('name="webhook" value="duplicate"');
    const added = await post(sb, '/faults', {
      provider: 'capa',
      webhook: 'duplicate',
      arg: '3',
      event: 'VERIFIED_USER',
      tenant: '*',
      times: '1',
      back: '/_sandbox/ui/scenarios?provider=capa',
    });
    expect(added.status).toBe(303);
    expect(sb.faults.list()).toMatchObject([{ webhook: 'duplicate=3', event: 'VERIFIED_USER' }]);
    const sessions = await call(sb, 'GET', '/_sandbox/ui');
    expect(sessions.text).toContain(`/_sandbox/ui/sessions/${id}/trigger`);
    const sent = await post(sb, `/sessions/${id}/trigger`, {
      event: 'VERIFIED_USER',
      back: '/_sandbox/ui/webhooks',
    });
    expect(landing(sent, `/sessions/${id}/trigger`)).toBe('/_sandbox/ui/webhooks?notice=triggered');
    const [d] = sb.webhooks.list({ provider: 'capa' }).filter((w) => w.event === 'VERIFIED_USER');
    expect(d).toMatchObject({ scenario: 'duplicate=3', status: 'not_sent' });
    const page = await call(sb, 'GET', landing(sent, `/sessions/${id}/trigger`));
    expect(page.text).toContain('duplicate=3');
    expect(page.text).toContain('Event sent');
  });

  it('moves a session, replays a webhook and resets a tenant', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    expect(
      (
        await post(sb, `/sessions/${id}/transition`, {
          state: 'REJECTED',
          reason: 'Watchlist match',
        })
      ).status,
    ).toBe(303);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${id}`)).body.state).toBe('REJECTED');
    const hooks = await receiver();
    const v = (await createValidation(sb, await createEntity(sb), { webhookUrl: hooks.url })).body;
    const delivery = sb.webhooks.list({ provider: 'gu1' })[0]!;
    const replay = `/webhooks/${delivery.id}/replay`;
    expect(landing(await post(sb, replay, { back: '/_sandbox/ui/webhooks' }), replay)).toBe(
      '/_sandbox/ui/webhooks?notice=replayed',
    );
    expect(sb.webhooks.get(delivery.id)!.attempts.at(-1)!.manual).toBe(true);
    expect((await post(sb, '/reset', { tenant: handleOf('gu1', ORG) })).status).toBe(303);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${v.id}`)).status).toBe(404);
    expect((await call(sb, 'GET', `/_sandbox/sessions/${id}`)).status).toBe(200);
    await hooks.close();
  });

  it('answers a refused action with the admin error on a page, escaped', async () => {
    const sb = testSandbox();
    const id = await capaSession(sb);
    const bad = await post(sb, '/clock/advance', {
      tenant: handleOf('capa', CAPA_KEY),
      by: 'soon<script>',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('&quot;by&quot; must be a duration');
    const illegal = await post(sb, `/sessions/${id}/transition`, { state: '<script>x</script>' });
    expect(illegal.status).toBe(409);
    const text = await illegal.text();
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('<script>x');
    expect((await post(sb, '/reset', { tenant: 'deadbeef' })).status).toBe(404);
  });

  it('never redirects anywhere but its own pages', async () => {
    const sb = testSandbox();
    await capaSession(sb);
    for (const back of [
      'https://evil.example/',
      '//evil.example',
      '/_sandbox/ui/../../x',
      '/_sandbox/ui?x=<y>',
    ]) {
      const res = await post(sb, '/clock/advance', { tenant: '*', by: '1m', back });
      expect(landing(res, '/clock/advance')).toBe('/_sandbox/ui?notice=advanced');
    }
  });
});
