// Operator actions at /_sandbox/providers/faceki: the webhook URL and the wallet credit, per client.
import { Hono, type Context } from 'hono';
import { adminJson, SandboxError, type ProviderTenants } from '../../engine/index.js';
import { clientById, SELF_SERVICE_PREFIX } from './accounts.js';
import { saveWebhookSetup, walletOf, webhookSetupOf } from './records.js';

const jsonBody = (c: Context) => adminJson(c, 'e.g. {"tenant": "faceki_test_client_v2", ...}');

function tenantKit(tenants: ProviderTenants, tenant: unknown) {
  const client = typeof tenant === 'string' ? clientById(tenant) : undefined;
  if (!client) {
    throw new SandboxError(
      404,
      'unknown_client',
      `No Faceki client ${JSON.stringify(tenant ?? null)}`,
      `"tenant" is a clientId: a fixture client or any id starting with ${SELF_SERVICE_PREFIX}`,
    );
  }
  return { kit: tenants.kit(client.clientId), client };
}

const isHttpUrl = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 2048 && /^https?:\/\/\S+$/i.test(v) && URL.canParse(v);

/** The portal's "Webhook Setup" and the wallet; sandbox errors only, as none of this is a vendor path. */
export function facekiAdmin(tenants: ProviderTenants) {
  return new Hono()
    .get('/webhook-setup', (c) => {
      const { kit, client } = tenantKit(tenants, c.req.query('tenant'));
      return c.json({ tenant: kit.tenant, ...webhookSetupOf(kit, client) });
    })
    .put('/webhook-setup', async (c) => {
      const body = await jsonBody(c);
      const { kit } = tenantKit(tenants, body.tenant);
      if (body.url !== null && !isHttpUrl(body.url))
        throw new SandboxError(
          400,
          'bad_url',
          '"url" must be an http(s) URL, or null to stop deliveries',
        );
      const setup = saveWebhookSetup(kit, body.url);
      return c.json({ tenant: kit.tenant, ...setup });
    })
    .get('/wallet', (c) => {
      const { kit, client } = tenantKit(tenants, c.req.query('tenant'));
      return c.json({ tenant: kit.tenant, ...walletOf(kit, client) });
    })
    .put('/wallet', async (c) => {
      const body = await jsonBody(c);
      const { kit, client } = tenantKit(tenants, body.tenant);
      if (
        typeof body.credit !== 'number' ||
        !Number.isInteger(body.credit) ||
        body.credit < 0 ||
        body.credit > 1e9
      ) {
        throw new SandboxError(
          400,
          'bad_credit',
          '"credit" must be a whole number from 0 to 1000000000',
        );
      }
      const wallet = walletOf(kit, client);
      wallet.credit = body.credit;
      return c.json({ tenant: kit.tenant, ...wallet });
    });
}
