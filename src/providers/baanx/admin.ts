// Operator routes under /_sandbox/providers/baanx: contact codes, onboardings, user suspension.
import { Hono, type Context } from 'hono';
import { SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import { DEFAULT_CLIENT, isActiveClient } from './accounts.js';
import { redirectAllowed } from './input.js';
import {
  clientSettings,
  getContact,
  getOnboarding,
  getUser,
  normaliseId,
  putClientSettings,
  regionOfId,
  sessionsOf,
  type Contact,
} from './records.js';
import { settle } from './transitions.js';

// Baanx emails and texts the codes; the vendor response never carries them, so the sandbox shows
// them here. Suspending a user gives the documented 403 "account suspended or disabled".

/** `disabled` from an optional JSON body ({} or no body: true). */
function disabledFrom(text: string): boolean | undefined {
  if (!text.trim()) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const value = body && typeof body === 'object' ? (body as { disabled?: unknown }).disabled : null;
  if (value !== undefined && typeof value !== 'boolean')
    throw new SandboxError(
      400,
      'bad_disabled',
      'The body is {"disabled": true|false}',
      '{"disabled": false} restores the user',
    );
  return value;
}

function idParam(raw: string, what: string): string {
  const id = normaliseId(raw);
  if (!id)
    throw new SandboxError(
      400,
      `bad_${what}_id`,
      `"${raw}" is not a Baanx id`,
      'a UUID, with the US_ prefix for the US region',
    );
  return id;
}

/** The tenant that owns an id: the ?tenant= given, else the store's cross-tenant owner index. */
function ownerKit(tenants: ProviderTenants, c: Context, id: string, what: string): Kit {
  const tenant = c.req.query('tenant');
  const owner = tenant !== undefined ? tenants.kit(tenant) : tenants.owning(id);
  if (owner === undefined)
    throw new SandboxError(
      404,
      `unknown_${what}`,
      `No Baanx ${what} ${id}`,
      'ids come from the vendor responses (or GET /_sandbox/journal?provider=baanx)',
    );
  return owner;
}

const contactView = (kit: Kit, contact: Contact) => ({
  contactVerificationId: contact.id,
  tenant: kit.tenant,
  region: contact.region,
  email: contact.email,
  emailCode: contact.emailCode,
  emailCodeExpiresAt: contact.emailCodeExpiresAt,
  emailVerifiedAt: contact.emailVerifiedAt,
  onboardingId: contact.onboardingId,
  phone: contact.phone ? `${contact.phone.countryCode} ${contact.phone.number}` : null,
  smsCode: contact.phone?.code ?? null,
  smsCodeExpiresAt: contact.phone?.expiresAt ?? null,
});

/** `{"redirectUrl": "<url>" | null}`: where the Veriff page sends this client's people back. */
function redirectFrom(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const value =
    body && typeof body === 'object' ? (body as { redirectUrl?: unknown }).redirectUrl : 0;
  if (value === null) return null;
  const allowed = typeof value === 'string' ? redirectAllowed(value) : null;
  if (!allowed)
    throw new SandboxError(
      400,
      'bad_redirect_url',
      'The body is {"redirectUrl": "<url>" | null}, an https URL, http to this machine, or an app scheme',
      'e.g. {"redirectUrl": "https://app.example/kyc-done"}; null removes it',
    );
  return allowed;
}

/** ?tenant=<client key>, else the default client. */
function settingsKit(tenants: ProviderTenants, c: Context): Kit {
  const tenant = (c.req.query('tenant') ?? DEFAULT_CLIENT).trim().toLowerCase();
  if (!isActiveClient(tenant))
    throw new SandboxError(
      400,
      'bad_tenant',
      `"${tenant}" is not an active Baanx client key`,
      'a fixture client key or a UUID starting baa0c11e-',
    );
  return tenants.kit(tenant);
}

export function baanxAdmin(tenants: ProviderTenants) {
  return (
    new Hono()
      .get('/settings', (c) => {
        const kit = settingsKit(tenants, c);
        return c.json({ tenant: kit.tenant, ...clientSettings(kit) });
      })
      // A sandbox choice: Baanx documents the redirect "back to your application" but no field for it.
      .put('/settings', async (c) => {
        const kit = settingsKit(tenants, c);
        const settings = { ...clientSettings(kit), redirectUrl: redirectFrom(await c.req.text()) };
        putClientSettings(kit, settings);
        return c.json({ tenant: kit.tenant, ...settings });
      })
      .get('/contacts/:id', (c) => {
        const id = idParam(c.req.param('id'), 'contact');
        const kit = ownerKit(tenants, c, id, 'contact');
        const contact = getContact(kit, regionOfId(id), id);
        if (!contact)
          throw new SandboxError(404, 'unknown_contact', `No Baanx contact verification ${id}`);
        return c.json(contactView(kit, contact));
      })
      .get('/onboardings/:id', (c) => {
        const id = idParam(c.req.param('id'), 'onboarding');
        const kit = ownerKit(tenants, c, id, 'onboarding');
        const region = regionOfId(id);
        const onboarding = getOnboarding(kit, region, id);
        const user = onboarding && getUser(kit, region, onboarding.userId);
        if (!onboarding || !user)
          throw new SandboxError(404, 'unknown_onboarding', `No Baanx onboarding ${id}`);
        settle(kit, user);
        const { passwordHash: _hidden, ...person } = user;
        return c.json({
          tenant: kit.tenant,
          onboarding,
          user: person,
          sessions: sessionsOf(kit, user.id),
        });
      })
      .post('/users/:id/disable', async (c) => {
        const id = c.req.param('id').toLowerCase();
        const kit = ownerKit(tenants, c, id, 'user');
        const user = getUser(kit, 'intl', id) ?? getUser(kit, 'us', id);
        if (!user) throw new SandboxError(404, 'unknown_user', `No Baanx user ${id}`);
        const disabled = disabledFrom(await c.req.text()) ?? true;
        user.disabled = disabled;
        return c.json({ userId: user.id, tenant: kit.tenant, region: user.region, disabled });
      })
  );
}
