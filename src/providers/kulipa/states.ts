// Kulipa's Pact provider states: each sentence seeds an API key's tenant through Kulipa's API (and
// the control plane for what a person, Kulipa's back office or an outage would do).
import type { ProviderState, StateContext } from '../../engine/index.js';
import { takeKulipaToken } from './auth.js';
import { optionsOf } from './lifecycle.js';

const DEFAULT_KEY = 'kulipa_test_key_tenant_one_0001';
const BASE = '/kulipa/v1';

type Params = Readonly<Record<string, unknown>>;
const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const keyOf = (p: Params) => str(p.apiKey, DEFAULT_KEY);
const headers = (p: Params) => ({ 'x-api-key': keyOf(p) });

let seq = 0;

async function createUser(ctx: StateContext, p: Params): Promise<string> {
  const body = {
    firstName: str(p.firstName, 'Ada'),
    lastName: str(p.lastName, 'Lovelace'),
    // Unique per call, so one interaction may seed several users.
    email: str(p.email, `pact-${++seq}@example.com`),
    countryOfResidence: str(p.countryOfResidence, 'FR'),
    ...(typeof p.phoneNumber === 'string'
      ? { phone: { country: str(p.phoneCountry, '+33'), number: p.phoneNumber } }
      : {}),
  };
  return (
    await ctx.request<{ id: string }>('POST', `${BASE}/users`, { headers: headers(p), json: body })
  ).body.id;
}

async function startKyc(ctx: StateContext, p: Params, userId: string): Promise<string> {
  const res = await ctx.request<{ id: string }>('PUT', `${BASE}/kycs`, {
    headers: headers(p),
    json: { userId, type: str(p.type, 'full') },
  });
  return res.body.id;
}

const move = (ctx: StateContext, kycId: string, state: string) =>
  ctx.request('POST', `/_sandbox/sessions/${kycId}/transition`, {
    json: { state, reason: state === 'declined' ? 'Document unreadable' : undefined },
  });

/** An operator's move of the user (frozen, disabled, deleted), when the interaction asks for one. */
async function moveUser(ctx: StateContext, p: Params, userId: string) {
  if (typeof p.status === 'string' && p.status !== '')
    await ctx.request('POST', `/_sandbox/providers/kulipa/users/${userId}/status`, {
      json: { status: p.status },
    });
}

/** A user whose full KYC was verified: active, exportable, and asked for rfi only. */
async function activeUser(ctx: StateContext, p: Params) {
  const userId = await createUser(ctx, p);
  const kycId = await startKyc(ctx, { ...p, type: 'full' }, userId);
  await move(ctx, kycId, 'verified');
  return { userId, kycId };
}

const KEY_PARAM = { apiKey: `the x-api-key the interaction sends (default ${DEFAULT_KEY})` };
const USER_PARAMS = {
  ...KEY_PARAM,
  email: 'optional email (default: a fresh one)',
  firstName: 'default Ada',
  lastName: 'default Lovelace',
  countryOfResidence: 'default FR',
  phoneNumber: 'optional phone number (digits), with phoneCountry (default +33)',
};
const STATUS_PARAM = { status: 'optional: frozen, disabled or deleted, set by an operator after' };
const OTHER_PARAMS = {
  otherEmail: 'optional: another user of the key already has this email',
  otherPhoneNumber: 'optional: another user of the key already has this phone (+33)',
};

/** Another user of the key holding an email or phone first, for duplicate checks. */
async function otherUser(ctx: StateContext, p: Params) {
  if (typeof p.otherEmail !== 'string' && typeof p.otherPhoneNumber !== 'string') return;
  await createUser(ctx, {
    apiKey: keyOf(p),
    ...(typeof p.otherEmail === 'string' ? { email: p.otherEmail } : {}),
    ...(typeof p.otherPhoneNumber === 'string' ? { phoneNumber: p.otherPhoneNumber } : {}),
  });
}

const userStates: readonly ProviderState[] = [
  {
    name: 'a Kulipa user exists',
    aliases: ['a user was created'],
    params: { ...USER_PARAMS, ...STATUS_PARAM, ...OTHER_PARAMS },
    provides: { userId: 'usr- + UUID v4' },
    setup: async (ctx, p) => {
      await otherUser(ctx, p);
      const userId = await createUser(ctx, p);
      await moveUser(ctx, p, userId);
      return { userId };
    },
  },
  {
    name: 'a Kulipa user is active',
    aliases: ['the user is verified', 'an active user exists'],
    params: { ...USER_PARAMS, ...STATUS_PARAM },
    provides: { userId: 'the user, whose full KYC was verified', kycId: 'that KYC' },
    setup: async (ctx, p) => {
      const seeded = await activeUser(ctx, p);
      await moveUser(ctx, p, seeded.userId);
      return seeded;
    },
  },
  {
    name: 'a Kulipa user was asked for information',
    aliases: ['an information request is open', 'a request for information exists'],
    params: { ...USER_PARAMS, requested: 'what Kulipa asks for (default ["proof_of_address"])' },
    provides: { userId: 'the active user' },
    setup: async (ctx, p) => {
      const { userId } = await activeUser(ctx, p);
      await ctx.request('POST', `/_sandbox/providers/kulipa/users/${userId}/information-request`, {
        json: { requested: Array.isArray(p.requested) ? p.requested : ['proof_of_address'] },
      });
      return { userId };
    },
  },
];

const kycStates: readonly ProviderState[] = [
  {
    name: 'a Kulipa KYC is pending',
    aliases: [
      'a KYC exists',
      'a verification link exists',
      'a link exists',
      'a verification is pending',
      'the user has a KYC link',
    ],
    params: { ...USER_PARAMS, type: 'full (default), shipping or rfi (for an active user)' },
    provides: { userId: 'the user', kycId: 'kyc- + UUID v4' },
    setup: async (ctx, p) => {
      const userId =
        p.type === 'rfi' ? (await activeUser(ctx, p)).userId : await createUser(ctx, p);
      return { userId, kycId: await startKyc(ctx, p, userId) };
    },
  },
  {
    name: 'a Kulipa KYC is under review',
    aliases: ['a KYC was submitted', 'a verification is in review', 'the KYC is in review'],
    params: { ...USER_PARAMS, type: 'full (default)' },
    provides: { userId: 'the user', kycId: 'the submitted KYC' },
    setup: async (ctx, p) => {
      const userId = await createUser(ctx, p);
      const kycId = await startKyc(ctx, p, userId);
      await move(ctx, kycId, 'submitted');
      return { userId, kycId };
    },
  },
  {
    name: "a Kulipa KYC's webview has expired",
    aliases: [
      'the link has expired',
      'the verification link has expired',
      'the KYC link expired',
      'the KYC has expired',
    ],
    params: USER_PARAMS,
    provides: { userId: 'the user', kycId: 'the expired KYC' },
    setup: async (ctx, p) => {
      const userId = await createUser(ctx, p);
      const kycId = await startKyc(ctx, p, userId);
      // Past kycTtl on the key's own clock: the KYC reads as expired, as a webview left unused would.
      const ttl = optionsOf(ctx.kit(keyOf(p))).kycTtl;
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'kulipa', tenant: keyOf(p), by: ttl + 60_000 },
      });
      return { userId, kycId };
    },
  },
  {
    name: 'a Kulipa KYC was decided',
    aliases: ['a verification is approved', 'the KYC was approved', 'a verification was decided'],
    params: {
      ...USER_PARAMS,
      decision: 'verified (default) or declined',
      event:
        'for message pacts: the webhook to read (kyc.submitted, kyc.verified, kyc.declined, user.activated; default the last sent)',
    },
    provides: { userId: 'the user', kycId: 'the decided KYC' },
    setup: async (ctx, p) => {
      // Registered first so the KYC's webhooks are delivered (and captured for message pacts).
      await ctx.request('PUT', `${BASE}/webhooks`, {
        headers: headers(p),
        json: { url: ctx.webhookUrl },
      });
      const userId = await createUser(ctx, p);
      const kycId = await startKyc(ctx, p, userId);
      await move(ctx, kycId, str(p.decision, 'verified'));
      return { userId, kycId };
    },
  },
];

const transportStates: readonly ProviderState[] = [
  {
    name: 'a Kulipa webhook signing key',
    params: KEY_PARAM,
    provides: { keyId: 'dwk- + UUID: the key that signs this API key’s webhooks' },
    setup: async (ctx, p) => ({
      keyId: (
        await ctx.request<{ keyId: string }>('GET', `${BASE}/webhooks`, { headers: headers(p) })
      ).body.keyId,
    }),
  },
  {
    name: 'a Kulipa API key has used up its rate limit',
    aliases: ['the rate limit is exceeded', 'too many requests'],
    params: KEY_PARAM,
    setup: async (ctx, p) => {
      // The real limiter, not a forced fault: the key's current one-minute window, spent in place
      // (the same tokens the auth stage takes, without a request each).
      const kit = ctx.kit(keyOf(p));
      while (takeKulipaToken(kit).allowed);
      return {};
    },
  },
  {
    name: 'a Kulipa idempotency key was used',
    params: {
      ...KEY_PARAM,
      idempotencyKey: 'the x-idempotency-key a user was created with',
      email:
        'that user’s email (default a fresh one); the body is {firstName: Ada, lastName: Lovelace, email, countryOfResidence: FR}',
    },
    provides: { userId: 'the user created with the key' },
    setup: async (ctx, p) => {
      // The key's first use: a user created with it. The same request again is a replay; another
      // request under the key is a reuse.
      const res = await ctx.request<{ id: string }>('POST', `${BASE}/users`, {
        headers: { ...headers(p), 'x-idempotency-key': str(p.idempotencyKey, 'pact-idem-key') },
        json: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: str(p.email, `pact-idem-${++seq}@example.com`),
          countryOfResidence: 'FR',
        },
      });
      return { userId: res.body.id };
    },
  },
  {
    name: 'Kulipa fails the next request',
    aliases: ['the next request fails', 'the server is down', 'the service is unavailable'],
    params: {
      ...KEY_PARAM,
      scenario:
        'internal_error (default), bad_gateway, service_unavailable, gateway_timeout, or an error-table row such as PAYLOAD_TOO_LARGE',
    },
    setup: async (ctx, p) => {
      // What Pact cannot replay by itself (an outage, a body over the limit, a concurrent first
      // request), as a one-shot fault rule on the key's next call, in Kulipa's envelope.
      await ctx.request('POST', '/_sandbox/faults', {
        json: {
          provider: 'kulipa',
          tenant: keyOf(p),
          scenario: str(p.scenario, 'internal_error'),
          times: 1,
        },
      });
      return {};
    },
  },
];

/** Seeded through Kulipa's own endpoints, and the admin API for what a person or Kulipa's back office would do. */
export const kulipaStates: readonly ProviderState[] = [
  {
    name: 'a Kulipa API key',
    aliases: ['a valid API key', 'a partner exists', 'the API key is valid'],
    params: KEY_PARAM,
    // Nothing to seed: the verifier starts every interaction from an empty sandbox.
    setup: async () => ({}),
  },
  {
    name: 'the Kulipa API key is invalid',
    aliases: ['the API key is wrong', 'unauthorized', 'the API key is unknown'],
    // Every request of the interaction answers 401 Invalid API key, whatever key it sends.
    scenario: 'INVALID_API_KEY',
    setup: async () => ({}),
  },
  ...userStates,
  ...kycStates,
  ...transportStates,
];
