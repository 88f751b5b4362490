// Operator routes under /_sandbox/providers/capa: the partner's webhook signing secret. Capa's
// webhook settings entity never carries it (the partner reads it in Capa's dashboard), so the
// sandbox shows and sets it here, per partner-api-key.
import { Hono, type Context } from 'hono';
import { adminJson, SandboxError, type ProviderTenants } from '../../engine/index.js';
import { knownPartner, SELF_SERVICE_PREFIX } from './auth.js';
import { saveWebhookSettings, webhookSettings } from './records.js';

const jsonBody = (c: Context) =>
  adminJson(c, 'e.g. {"tenant": "capa_test_partner_key_000000000001", "secret": "…"}');

function partnerKit(tenants: ProviderTenants, tenant: unknown) {
  const partner = typeof tenant === 'string' ? knownPartner(tenant) : undefined;
  if (!partner)
    throw new SandboxError(
      404,
      'unknown_partner',
      `No Capa partner ${JSON.stringify(tenant ?? null)}`,
      `"tenant" is a partner-api-key: a fixture key or any well-formed key starting with ${SELF_SERVICE_PREFIX}`,
    );
  return tenants.kit(partner.key);
}

const SECRET = /^[\x21-\x7e]{16,256}$/;

export function capaAdmin(tenants: ProviderTenants) {
  return new Hono()
    .get('/webhook-settings', (c) => {
      const kit = partnerKit(tenants, c.req.query('tenant'));
      return c.json({ tenant: kit.tenant, ...webhookSettings(kit) });
    })
    .put('/webhook-settings', async (c) => {
      const body = await jsonBody(c);
      const kit = partnerKit(tenants, body.tenant);
      if (typeof body.secret !== 'string' || !SECRET.test(body.secret))
        throw new SandboxError(
          400,
          'bad_secret',
          '"secret" must be 16 to 256 printable characters',
          'the HMAC-SHA256 key capa-signature is computed with',
        );
      const settings = saveWebhookSettings(kit, {
        ...webhookSettings(kit),
        secret: body.secret,
        updatedAt: kit.iso(),
      });
      return c.json({ tenant: kit.tenant, ...settings });
    });
}
