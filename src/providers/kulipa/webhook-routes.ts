// Webhook registration and the public key endpoint (K6). Kulipa documents no endpoint to register a
// URL (its dashboard does it); the sandbox adds GET/PUT /v1/webhooks in Kulipa's style (see README).
import { Hono } from 'hono';
import type { Kit, ProviderEnv } from '../../engine/index.js';
import { fail } from './errors.js';
import { bodyFor, keyIdFrom } from './input.js';
import { keyView, signingKey } from './webhook-keys.js';
import { saveSettings, settingsOf, type WebhookSettings } from './webhooks.js';

const settingsView = (kit: Kit, s: WebhookSettings) => ({
  url: s.url,
  keyId: signingKey(kit).id,
  updatedAt: s.updatedAt,
});

export function webhookRoutes() {
  return new Hono<ProviderEnv>()
    .get('/v1/webhooks', (c) => c.json(settingsView(c.get('kit'), settingsOf(c.get('kit')))))
    .put('/v1/webhooks', (c) => {
      const kit = c.get('kit');
      const body = bodyFor(c, 'updateWebhookSettings');
      return c.json(settingsView(kit, saveSettings(kit, String(body.url))));
    })
    .get('/v1/webhooks/keys/:keyId', (c) => {
      const kit = c.get('kit');
      const id = keyIdFrom(c.req.param('keyId'));
      const key = signingKey(kit);
      if (key.id !== id) throw fail('WEBHOOK_KEY_NOT_FOUND');
      return c.json(keyView(key));
    });
}
