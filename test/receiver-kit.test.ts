// The README's "Checking your receiver" example, run as written (the README block is generated from
// the marked lines, with '../src/index.js' as 'kyc-sandbox'), and the receiver kit's exports.
// readme:receiver-kit:imports
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, verifyKulipaWebhook, type ReceiverSecret } from '../src/index.js';
// readme:receiver-kit:end
import { afterEach, describe, expect, it } from 'vitest';
import * as kit from '../src/index.js';
import { providers } from '../src/providers/index.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the receiver kit', () => {
  it("runs the README's example: a receiver that accepts Kulipa's signature and refuses a wrong key", async () => {
    // readme:receiver-kit:start
    const sb = createSandbox({ providers: ['kulipa'] });
    const admin = async (method: string, path: string, json?: unknown) => {
      const body = json === undefined ? undefined : JSON.stringify(json);
      const headers = { 'content-type': 'application/json' };
      const res = await sb.app.request(`/_sandbox${path}`, { method, headers, body });
      await sb.webhooks.flush(); // deliveries go out in the background: wait for them
      return res.json();
    };
    const tenant = { provider: 'kulipa', tenant: 'kulipa_test_key_tenant_one_0001' };
    const { verification } = (await admin(
      'GET',
      `/webhooks/verification?provider=kulipa&tenant=${tenant.tenant}`,
    )) as { verification: ReceiverSecret };

    // Your receiver: 401 for a delivery that does not verify.
    const answers: number[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const valid = verifyKulipaWebhook({ headers: req.headers, body }, verification);
        answers.push(valid ? 200 : 401);
        res.writeHead(valid ? 200 : 401).end();
      });
    });
    await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    // The tenant's deliveries reach it without registering it with Kulipa: one event signed as
    // Kulipa signs, then one signed with a key Kulipa's key endpoint never serves.
    await admin('POST', '/webhooks/listeners', { ...tenant, url });
    await admin('POST', '/webhooks/trigger', { ...tenant, event: 'kyc.verified' });
    await admin('POST', '/faults', { ...tenant, webhook: 'wrong_key', times: 1 });
    await admin('POST', '/webhooks/trigger', { ...tenant, event: 'kyc.verified' });
    // answers: [200, 401]
    // readme:receiver-kit:end
    closers.push(
      () => new Promise((closed) => receiver.close(closed)),
      () => sb.close(),
    );
    expect(answers).toEqual([200, 401]);
  });

  it('exports one verifier per provider that signs its webhooks, each the provider’s own check', () => {
    const signing = providers.filter((p) => p.webhooks?.flaws.length);
    const name = (p: string) => `verify${p[0].toUpperCase()}${p.slice(1)}Webhook`;
    expect(
      Object.keys(kit)
        .filter((k) => /^verify\w+Webhook$/.test(k))
        .sort(),
    ).toEqual(signing.map((p) => name(p.name)).sort());
    // An unsigned request: every scheme refuses it.
    const unsigned = { headers: {}, body: '{}' };
    const secret = { scheme: '', headers: [], secret: 's', publicKey: 'k', keyId: 'dwk-1' };
    for (const p of signing) {
      const verify = kit[name(p.name) as 'verifyCapaWebhook'];
      expect([p.name, verify(unsigned, secret)]).toEqual([p.name, false]);
    }
  });
});
