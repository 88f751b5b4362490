// Operator routes under /_sandbox/providers/baanx: read the codes a contact verification expects
// (Baanx emails and texts them; the sandbox shows them here), inspect an onboarding, and suspend
// or restore a user (the documented 403 "account suspended or disabled").
import { Hono } from 'hono';
import { SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import { DEFAULT_CLIENT_KEY, type Region } from './clients.js';
import {
  coll,
  normaliseId,
  SESSIONS,
  type Contact,
  type Onboarding,
  type User,
  type VeriffSession,
} from './records.js';
import { settle } from './verification.js';

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

const regionOfId = (id: string): Region => (id.startsWith('US_') ? 'us' : 'intl');

export function baanxAdmin(tenants: ProviderTenants) {
  /** The tenant that owns an id: the ?tenant= given, else the store's cross-tenant owner index. */
  const ownerKit = (id: string, tenant: string | undefined, what: string) => {
    const owner = tenant !== undefined ? tenants.kit(tenant) : tenants.owning(id);
    if (owner === undefined)
      throw new SandboxError(
        404,
        `unknown_${what}`,
        `No Baanx ${what} ${id}`,
        'ids come from the vendor responses (or GET /_sandbox/journal?provider=baanx)',
      );
    return owner;
  };
  const idParam = (raw: string, what: string) => {
    const id = normaliseId(raw);
    if (!id)
      throw new SandboxError(
        400,
        `bad_${what}_id`,
        `"${raw}" is not a Baanx id`,
        'a UUID, with the US_ prefix for the US region',
      );
    return id;
  };

  return new Hono()
    .get('/contacts/:id', (c) => {
      const id = idParam(c.req.param('id'), 'contact');
      const kit = ownerKit(id, c.req.query('tenant'), 'contact');
      const contact = kit.ns.get<Contact>(coll('contacts', regionOfId(id)), id);
      if (!contact)
        throw new SandboxError(404, 'unknown_contact', `No Baanx contact verification ${id}`);
      return c.json({
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
    })
    .get('/onboardings/:id', (c) => {
      const id = idParam(c.req.param('id'), 'onboarding');
      const kit = ownerKit(id, c.req.query('tenant'), 'onboarding');
      const region = regionOfId(id);
      const onboarding = kit.ns.get<Onboarding>(coll('onboardings', region), id);
      const user = onboarding && kit.ns.get<User>(coll('users', region), onboarding.userId);
      if (!onboarding || !user)
        throw new SandboxError(404, 'unknown_onboarding', `No Baanx onboarding ${id}`);
      settle(kit, user);
      const { passwordHash: _hidden, ...person } = user;
      const sessions = kit.ns.list<VeriffSession>(SESSIONS).filter((s) => s.userId === user.id);
      return c.json({ tenant: kit.tenant, onboarding, user: person, sessions });
    })
    .post('/users/:id/disable', async (c) => {
      const id = c.req.param('id').toLowerCase();
      const kit = ownerKit(id, c.req.query('tenant'), 'user');
      const user =
        kit.ns.get<User>(coll('users', 'intl'), id) ?? kit.ns.get<User>(coll('users', 'us'), id);
      if (!user) throw new SandboxError(404, 'unknown_user', `No Baanx user ${id}`);
      const value = disabledFrom(await c.req.text());
      const disabled = value ?? true;
      user.disabled = disabled;
      return c.json({ userId: user.id, tenant: kit.tenant, region: user.region, disabled });
    });
}
