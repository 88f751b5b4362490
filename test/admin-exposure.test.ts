// What the control plane shows and where webhooks may go: lists a page at a time, secrets masked
// in the journal, and beyond loopback no webhook to a private address unless allowed.
import { describe, expect, it } from 'vitest';
import { capa, createLink, createUser, sessionIdOf } from '../src/providers/capa/testing.js';
import { call, receiver, testSandbox } from './helpers.js';

describe('lists', () => {
  it('come a page at a time, with the next page named in x-next-cursor', async () => {
    const sb = testSandbox();
    for (let i = 0; i < 5; i++) await createUser(sb, {}, `capa_test_partner_key_00000000010${i}`);
    const first = await call(sb, 'GET', '/_sandbox/tenants?limit=2');
    expect(first.body).toHaveLength(2);
    expect(first.headers.get('x-total-count')).toBe('5');
    const cursor = first.headers.get('x-next-cursor')!;
    const second = await call(sb, 'GET', `/_sandbox/tenants?limit=2&cursor=${cursor}`);
    const third = await call(
      sb,
      'GET',
      `/_sandbox/tenants?limit=2&cursor=${second.headers.get('x-next-cursor')}`,
    );
    expect(third.body).toHaveLength(1);
    expect(third.headers.get('x-next-cursor')).toBeNull();
    const all = [...first.body, ...second.body, ...third.body].map(
      (t: { tenant: string }) => t.tenant,
    );
    expect(new Set(all).size).toBe(5);
    expect((await call(sb, 'GET', '/_sandbox/journal?limit=0')).status).toBe(400);
    expect((await call(sb, 'GET', '/_sandbox/sessions?cursor=-1')).status).toBe(400);
    expect((await call(sb, 'GET', '/_sandbox/journal')).body).toHaveLength(5);
  });
});

describe('webhook targets beyond loopback', () => {
  it('refuses a receiver on a private address unless allowed, and only when exposed', async () => {
    const hooks = await receiver();
    try {
      const deliver = async (host: string | undefined, webhookAllow?: string[]) => {
        const sb = testSandbox({ webhookAllow });
        if (host) await sb.listen(0, host);
        const put = await capa(sb, 'PUT', '/webhook-settings', { url: hooks.url });
        expect(put.status).toBe(200);
        const link = await createLink(sb, await createUser(sb));
        await sb.sessions.transition(sessionIdOf(link.body.data.kycLink), 'VERIFIED');
        await sb.webhooks.flush();
        return sb.webhooks.list({ provider: 'capa' })[0]!.attempts[0]!;
      };
      const refused = await deliver('0.0.0.0');
      expect(refused.status).toBeNull();
      expect(refused.error).toMatch(/^refused: 127\.0\.0\.1 is 127\.0\.0\.1, a private address/);
      expect((await deliver('0.0.0.0', ['127.0.0.0/8'])).status).toBe(200);
      expect((await deliver(undefined)).status).toBe(200);
    } finally {
      await hooks.close();
    }
  });
});

describe('secrets in the journal', () => {
  it("masks each provider's secret-bearing fields in queries, request bodies and answers", async () => {
    const sb = testSandbox();
    await capa(sb, 'PUT', '/webhook-settings', {
      url: 'https://hooks.example/x',
      secret: 'a-partner-chosen-secret-123',
    });
    await call(
      sb,
      'GET',
      '/faceki/auth/api/access-token?clientId=faceki_test_client_v2&clientSecret=faceki_test_secret_v2_000001',
    );
    const text = JSON.stringify((await call(sb, 'GET', '/_sandbox/journal?limit=1000')).body);
    expect(text).not.toContain('a-partner-chosen-secret-123');
    expect(text).not.toContain('faceki_test_secret_v2_000001');
    expect(text).toContain('face…0001');
    const token = (await call(sb, 'GET', '/_sandbox/journal?provider=faceki')).body[0].responseBody;
    expect(JSON.stringify(token)).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT
  });
});
