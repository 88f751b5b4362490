// Webhook deliveries outlive the process on file: and redis: state: a delivery pending a retry when
// the sandbox stops is read back by the next one, with its attempts, and its retry is made on the
// tenant's clock, signed as the vendor signs (the signer reads the tenant's secret then).
import { afterEach, describe, expect, it } from 'vitest';
import { providers } from '../src/providers/index.js';
import { KEY } from '../src/providers/capa/testing.js';
import { testBackends } from './backends.js';
import { call, receiver, testSandbox } from './helpers.js';

const capa = providers.find((p) => p.name === 'capa')!;
const ref = { provider: 'capa', tenant: KEY };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Listed {
  id: string;
  status: string;
  body: string;
  attempts: { status: number | null }[];
}

/** The tenant's deliveries, through the admin API (a restarted sandbox reads its state first). */
const deliveries = async (sb: ReturnType<typeof testSandbox>) =>
  (await call<Listed[]>(sb, 'GET', `/_sandbox/webhooks?provider=capa&tenant=${KEY}`)).body;

for (const backend of testBackends().filter((b) => b.name !== 'memory')) {
  describe.skipIf(backend.skip)(`webhook deliveries on ${backend.name} state`, () => {
    it('keeps a pending retry across a restart and makes it on the tenant clock, signed', async () => {
      const state = backend.state();
      const hook = await receiver({ failFirst: 2 });
      closers.push(hook.close);
      const first = testSandbox({ state, providers: ['capa'] });
      const settings = await call(first, 'PUT', '/capa/api/partner/v2/webhook-settings', {
        headers: { 'partner-api-key': KEY },
        json: { url: hook.url },
      });
      expect(settings.status).toBe(200);
      const trigger = await call(first, 'POST', '/_sandbox/webhooks/trigger', {
        json: { ...ref, event: capa.webhooks!.events[0] },
      });
      expect(trigger.status).toBe(201);
      // Capa retries at once, then after a minute: two failed attempts, the third a minute away.
      const [before] = await deliveries(first);
      expect([before!.status, before!.attempts.length]).toEqual(['pending', 2]);
      await first.close();

      const second = testSandbox({ state, providers: ['capa'] });
      const [after] = await deliveries(second);
      expect(after).toEqual(before);
      await call(second, 'POST', '/_sandbox/clock/advance', { json: { ...ref, by: '61s' } });
      // On redis the stopped instance owned it: the next one takes it over when it starts (or within a
      // second, on a busy machine).
      await expect
        .poll(
          async () => {
            await second.webhooks.flush();
            return (await deliveries(second))[0]!.status;
          },
          { timeout: 10_000 },
        )
        .toBe('delivered');
      const [done] = await deliveries(second);
      expect(done!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(hook.received).toHaveLength(3);
      const secret = second.webhooks.verification(ref)!;
      const sent = hook.received[2]!;
      expect(sent.body).toBe(before!.body);
      expect(capa.webhooks!.verify({ headers: sent.headers, body: sent.body }, secret)).toBe(true);
    });
  });
}
