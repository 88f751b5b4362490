// Operator routes at /_sandbox/providers/gu1: dashboard webhook and integration settings, the taxId
// table, settle now, and deleting a validation (gu1's API documents no delete, only its 404 after one).
import { Hono, type Context } from 'hono';
import { adminJson, SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import { knownIntegrations } from './input.js';
import { orgFormat } from './organizations.js';
import {
  deleteValidation,
  integrationsOf,
  settingsOf,
  updateIntegrations,
  updateSettings,
  type SettingsChange,
  type WebhookSettings,
} from './records.js';
import { sandboxTaxIds } from './sandbox-table.js';
import { settle } from './transitions.js';
import { KYC_EVENTS } from './webhooks.js';

// gu1 keeps the organization's webhook URL, secret and event subscriptions in its dashboard; here
// the admin API sets them. "Settle now" applies what became due on an organization's clock.
const URL_FORMAT = /^https?:\/\/[^\s]+$/i;
const EVENT_FILTERS: readonly string[] = ['*', 'kyc.*', ...KYC_EVENTS];

const jsonBody = (c: Context) =>
  adminJson(c, '{"url": "https://…", "secret": "…", "events": ["kyc.*"]}');

function orgKit(tenants: ProviderTenants, c: Context): Kit {
  const orgId = c.req.param('orgId') ?? '';
  if (!orgFormat.test(orgId))
    throw new SandboxError(
      400,
      'bad_organization',
      `"${orgId}" is not an organization id`,
      'a UUID or org_…, as sent in X-Organization-ID',
    );
  return tenants.kit(orgId);
}

function changeFrom(body: Record<string, unknown>): SettingsChange {
  const change: SettingsChange = {};
  if ('url' in body) {
    if (
      body.url !== null &&
      (typeof body.url !== 'string' || !URL_FORMAT.test(body.url) || body.url.length > 2048)
    ) {
      throw new SandboxError(
        400,
        'bad_url',
        '"url" must be an http(s) URL or null',
        'gu1 requires HTTPS; the sandbox also takes http for local receivers',
      );
    }
    change.url = body.url as string | null;
  }
  if ('secret' in body) {
    if (typeof body.secret !== 'string' || body.secret.length < 16 || body.secret.length > 256)
      throw new SandboxError(
        400,
        'bad_secret',
        '"secret" must be a string of 16 to 256 characters',
      );
    change.secret = body.secret;
  }
  if ('events' in body) {
    const events = body.events;
    if (
      !Array.isArray(events) ||
      events.length === 0 ||
      !events.every((e) => typeof e === 'string' && EVENT_FILTERS.includes(e))
    ) {
      throw new SandboxError(
        400,
        'bad_events',
        '"events" must be a non-empty list of KYC event names',
        `any of: ${EVENT_FILTERS.join(', ')}`,
      );
    }
    change.events = events as string[];
  }
  return change;
}

const settingsView = (s: WebhookSettings) => ({ success: true, webhook: s });

const KNOWN_CODES = [...knownIntegrations.keys()];
const integrationsView = (kit: Kit) => ({
  success: true,
  integrations: { organizationId: kit.tenant, codes: integrationsOf(kit, KNOWN_CODES) },
});

function codesFrom(body: Record<string, unknown>): string[] {
  const codes = body.codes;
  if (
    !Array.isArray(codes) ||
    codes.length > KNOWN_CODES.length ||
    !codes.every((c) => typeof c === 'string' && knownIntegrations.has(c))
  )
    throw new SandboxError(
      400,
      'bad_integrations',
      '"codes" must be a list of known integration codes (empty switches them all off)',
      `known: ${KNOWN_CODES.join(', ')}`,
    );
  return [...new Set(codes as string[])];
}

export function gu1Admin(tenants: ProviderTenants) {
  return (
    new Hono()
      .get('/organizations/:orgId/webhook', (c) =>
        c.json(settingsView(settingsOf(orgKit(tenants, c)))),
      )
      .put('/organizations/:orgId/webhook', async (c) => {
        const kit = orgKit(tenants, c);
        return c.json(settingsView(updateSettings(kit, changeFrom(await jsonBody(c)))));
      })
      .post('/organizations/:orgId/settle', (c) => {
        const kit = orgKit(tenants, c);
        settle(kit);
        return c.json({ success: true, settledAt: kit.iso() });
      })
      .get('/organizations/:orgId/integrations', (c) =>
        c.json(integrationsView(orgKit(tenants, c))),
      )
      .put('/organizations/:orgId/integrations', async (c) => {
        const kit = orgKit(tenants, c);
        updateIntegrations(kit, codesFrom(await jsonBody(c)));
        return c.json(integrationsView(kit));
      })
      // What gu1's 404 "Validation Not Found" says follows a deletion: every vendor path then answers it.
      .delete('/validations/:id', (c) => {
        const id = c.req.param('id');
        const kit = tenants.owning(id);
        if (!kit || !deleteValidation(kit, id))
          throw new SandboxError(404, 'unknown_validation', `No gu1 validation ${id}`);
        return c.json({ success: true, deleted: id, organizationId: kit.tenant });
      })
      .get('/sandbox-taxids', (c) => c.json(sandboxTaxIds))
  );
}
