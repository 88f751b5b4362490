// Webhook scenarios × every provider that sends webhooks, through real HTTP receivers: a listener
// takes the tenant's events (no vendor registration), a trigger sends one documented event, and a
// fault rule shapes it. Signatures are checked with the provider's own receiver kit.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderModule, ReceiverSecret } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { startHarness, WEBHOOK_SINK } from '../src/pact/harness.js';
import { call, receiver, testSandbox } from './helpers.js';
import { defaultTenantOf } from './provider-auth.js';

const senders = providers.filter((p) => p.webhooks);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listening(p: ProviderModule) {
  const sb = testSandbox({ providers: [p] });
  const tenant = await defaultTenantOf(p, sb);
  const hook = await receiver();
  closers.push(hook.close);
  const res = await call(sb, 'POST', '/_sandbox/webhooks/listeners', {
    json: { provider: p.name, tenant, url: hook.url },
  });
  expect(res.status).toBe(201);
  const [event, next] = p.webhooks!.events;
  const trigger = async (which = event, session?: string) => {
    const t = await call(sb, 'POST', '/_sandbox/webhooks/trigger', {
      json: { provider: p.name, tenant, event: which, session },
    });
    expect(t.status).toBe(201);
    return t.body as { subject: string; event: string; body: string };
  };
  const fault = async (webhook: string, extra: Record<string, unknown> = {}) =>
    expect(
      (
        await call(sb, 'POST', '/_sandbox/faults', {
          json: { provider: p.name, tenant, webhook, ...extra },
        })
      ).status,
    ).toBe(201);
  const listened = async () =>
    (await call(sb, 'GET', `/_sandbox/webhooks/listeners/${res.body.id}/deliveries`)).body as {
      event: string;
      status: string;
      scenario: string | null;
      attempts: unknown[];
    }[];
  const verification = res.body.verification as ReceiverSecret | null;
  // The receiver checks freshness against the tenant's clock (frozen here, far from Date.now()).
  const verify = (r: (typeof hook.received)[number]) =>
    p.webhooks!.verify(r, verification!, sb.time.now({ provider: p.name, tenant }));
  const advance = (by: string) =>
    call(sb, 'POST', '/_sandbox/clock/advance', { json: { provider: p.name, tenant, by } });
  return { hook, trigger, fault, listened, verification, verify, advance, event, next };
}

describe.each(senders.map((p) => [p.name, p] as const))('%s webhook scenarios', (_, p) => {
  it('triggers in the tenant its default credential selects when none is named', async () => {
    const sb = testSandbox({ providers: [p] });
    const res = await call(sb, 'POST', '/_sandbox/webhooks/trigger', {
      json: { provider: p.name, event: p.webhooks!.events[0] },
    });
    expect(res.status).toBe(201);
    const tenant = await defaultTenantOf(p, sb);
    expect(sb.webhooks.list({ provider: p.name, tenant })).toHaveLength(1);
  });

  it('delivers a triggered event once, signed so the receiver kit accepts it', async () => {
    const { hook, trigger, listened, verification, verify } = await listening(p);
    await trigger();
    expect(hook.received).toHaveLength(1);
    if (verification) expect(verify(hook.received[0])).toBe(true);
    expect((await listened())[0]).toMatchObject({ status: 'delivered', scenario: null });
  });

  it('duplicate=3 delivers the same body and signature three times', async () => {
    const { hook, trigger, fault, listened } = await listening(p);
    await fault('duplicate=3');
    await trigger();
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => JSON.stringify(r)))).toHaveProperty('size', 1);
    const [d] = await listened();
    expect([d.scenario, d.status, d.attempts.length]).toEqual(['duplicate=3', 'delivered', 3]);
  });

  it("delay=10m holds the event until the tenant's clock has moved 10 minutes", async () => {
    const { hook, trigger, fault, advance } = await listening(p);
    await fault('delay=10m');
    await trigger();
    expect(hook.received).toHaveLength(0);
    await advance('9m');
    expect(hook.received).toHaveLength(0);
    await advance('1m');
    expect(hook.received).toHaveLength(1);
  });

  it('reorder delivers the held event after the next one of the same session', async () => {
    const { hook, trigger, fault, event, next } = await listening(p);
    await fault('reorder', { times: 1 });
    const first = await trigger(event);
    expect(hook.received).toHaveLength(0);
    const second = await trigger(next, first.subject);
    expect(second.subject).toBe(first.subject);
    // By body: not every vendor names the event in it (Faceki's do not).
    expect(hook.received.map((r) => r.body)).toEqual([second.body, first.body]);
  });

  it('drop never delivers and records the delivery as dropped', async () => {
    const { hook, trigger, fault, listened } = await listening(p);
    await fault('drop');
    await trigger();
    expect(hook.received).toHaveLength(0);
    expect((await listened())[0]).toMatchObject({ status: 'dropped', scenario: 'drop' });
  });

  it.each(p.webhooks!.flaws)('%s is refused by the receiver kit', async (flaw) => {
    const { hook, trigger, fault, verify } = await listening(p);
    await fault(flaw);
    await trigger();
    expect(hook.received).toHaveLength(1);
    expect(verify(hook.received[0])).toBe(false);
  });
});

describe('webhook scenarios through a Pact provider state', () => {
  it('a state with {"webhook": …} shapes the events of its interaction', async () => {
    const capa = senders.find((p) => p.name === 'capa')!;
    const h = await startHarness({ providers: ['capa'] });
    closers.push(() => h.close());
    const [setup] = Object.values(h.stateHandlers(capa, ['a Capa partner']));
    await setup!.setup({ webhook: 'duplicate=2', event: 'VERIFIED_USER' });
    const tenant = { provider: 'capa', tenant: capa.credentials()[0].value };
    h.sb.webhooks.listen(tenant, WEBHOOK_SINK); // the harness captures what is sent there
    h.sb.webhooks.trigger(tenant, 'CREATED_KYC');
    h.sb.webhooks.trigger(tenant, 'VERIFIED_USER');
    await h.sb.webhooks.flush();
    expect(h.captured.map((r) => JSON.parse(r.body).event).sort()).toEqual([
      'CREATED_KYC',
      'VERIFIED_USER',
      'VERIFIED_USER',
    ]);
  });
});
