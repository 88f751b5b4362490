// Kulipa's Pact provider states: each sentence seeds an API key's tenant through Kulipa's API.
import type { ProviderState, StateContext } from '../../engine/index.js';
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

const KEY_PARAM = { apiKey: `the x-api-key the interaction sends (default ${DEFAULT_KEY})` };
const USER_PARAMS = {
  ...KEY_PARAM,
  email: 'optional email (default: a fresh one)',
  firstName: 'default Ada',
  lastName: 'default Lovelace',
  countryOfResidence: 'default FR',
};

/** Seeded through Kulipa's own endpoints, and the admin API for what a person or Kulipa's back office would do. */
export const kulipaStates: readonly ProviderState[] = [
  {
    name: 'a Kulipa API key',
    params: KEY_PARAM,
    // Nothing to seed: the verifier starts every interaction from an empty sandbox.
    setup: async () => ({}),
  },
  {
    name: 'a Kulipa user exists',
    params: USER_PARAMS,
    provides: { userId: 'usr- + UUID v4' },
    setup: async (ctx, p) => ({ userId: await createUser(ctx, p) }),
  },
  {
    name: 'a Kulipa KYC is pending',
    params: { ...USER_PARAMS, type: 'full (default) or shipping' },
    provides: { userId: 'the user', kycId: 'kyc- + UUID v4' },
    setup: async (ctx, p) => {
      const userId = await createUser(ctx, p);
      return { userId, kycId: await startKyc(ctx, p, userId) };
    },
  },
  {
    name: "a Kulipa KYC's webview has expired",
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
    params: KEY_PARAM,
    setup: async (ctx, p) => {
      // The real limiter, not a forced fault: spend every request of the current one-minute window.
      const limit = optionsOf(ctx.kit(keyOf(p))).rateLimit;
      for (let i = 0; i < limit; i++)
        await ctx.request('GET', `${BASE}/users?limit=1`, { headers: headers(p) });
      return {};
    },
  },
];
