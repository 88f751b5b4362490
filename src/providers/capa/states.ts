// Capa's Pact provider states: each sentence seeds a partner (tenant) through Capa's own endpoints
// and the admin API, and returns the ids a pact's fromProviderState expressions need.
import type { ProviderState, StateContext } from '../../engine/index.js';
import { linkTtl } from './lifecycle.js';

const DEFAULT_KEY = 'capa_test_partner_key_000000000001';
const BASE = '/capa/api/partner/v2';

const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const keyOf = (p: Readonly<Record<string, unknown>>) => str(p.apiKey, DEFAULT_KEY);

let emails = 0;

async function createUser(
  ctx: StateContext,
  p: Readonly<Record<string, unknown>>,
): Promise<string> {
  const key = keyOf(p);
  const body = {
    type: str(p.type, 'INDIVIDUAL'),
    // Unique per call: the verifier resets between interactions, but one interaction may seed twice.
    email: str(p.email, `pact-${++emails}@example.com`),
    ...(typeof p.externalUserId === 'string' ? { externalUserId: p.externalUserId } : {}),
    ...(typeof p.alias === 'string' ? { alias: p.alias } : {}),
  };
  const res = await ctx.request<{ data: { userId: string } }>('POST', `${BASE}/users`, {
    headers: { 'partner-api-key': key },
    json: body,
  });
  return res.body.data.userId;
}

async function createLink(
  ctx: StateContext,
  p: Readonly<Record<string, unknown>>,
  userId: string,
): Promise<string> {
  const kind = str(p.type, 'INDIVIDUAL') === 'BUSINESS' ? 'kyb' : 'kyc';
  const res = await ctx.request<{ data: Record<string, string> }>(
    'POST',
    `${BASE}/users/${userId}/${kind}/verification-link`,
    {
      headers: { 'partner-api-key': keyOf(p) },
      json: { country: str(p.country, 'MX') },
    },
  );
  const link = res.body.data.kycLink ?? res.body.data.kybLink;
  return link.split('/').pop()!;
}

const KEY_PARAM = { apiKey: `the partner-api-key the interaction sends (default ${DEFAULT_KEY})` };
const USER_PARAMS = {
  ...KEY_PARAM,
  type: 'INDIVIDUAL (default, KYC) or BUSINESS (KYB)',
  email: 'optional email (default a fresh pact-<n>@example.com)',
  externalUserId: 'optional externalUserId',
  alias: 'optional alias: link-error, details-error and agreements-error make that call answer 500',
};

export const capaStates: readonly ProviderState[] = [
  {
    name: 'a Capa partner',
    params: KEY_PARAM,
    aliases: ['a partner exists', 'a valid API key'],
    // Nothing to seed: the verifier starts every interaction from an empty sandbox.
    setup: async () => ({}),
  },
  {
    name: 'Capa fails the next request',
    aliases: ['the next request fails', 'the server is down', 'the service is unavailable'],
    params: {
      ...KEY_PARAM,
      scenario:
        'internal_error (default), bad_gateway, service_unavailable, gateway_timeout, rate_limited, or an error-table row such as PAYLOAD_TOO_LARGE',
    },
    // What Pact cannot provoke by itself (an outage, a body over the limit, a notification past its
    // retries), as a one-shot fault rule on the key's next call, in Capa's envelope.
    setup: async (ctx, p) => {
      const scenario = str(p.scenario, 'internal_error');
      await ctx.request('POST', '/_sandbox/faults', {
        json: { provider: 'capa', tenant: keyOf(p), scenario, times: 1 },
      });
      return {};
    },
  },
  {
    name: 'the Capa API key is invalid',
    aliases: ['the API key is wrong', 'unauthorized', 'the partner is not authorized'],
    // Every request of the interaction answers 401 Invalid API Key, whatever key it sends.
    scenario: 'API_KEY_INVALID',
    setup: async () => ({}),
  },
  {
    name: 'a Capa user exists',
    aliases: ['a user was created'],
    params: USER_PARAMS,
    provides: { userId: 'the user id (UUID)' },
    setup: async (ctx, p) => ({ userId: await createUser(ctx, p) }),
  },
  {
    name: 'a Capa user has a verification link',
    aliases: ['a verification link exists', 'a link exists', 'the user has a KYC link'],
    params: { ...USER_PARAMS, country: 'link country (default MX)' },
    provides: { userId: 'the user id', sessionId: 'the id at the end of the link' },
    setup: async (ctx, p) => {
      const userId = await createUser(ctx, p);
      return { userId, sessionId: await createLink(ctx, p, userId) };
    },
  },
  {
    name: "a Capa user's verification link has expired",
    aliases: ['the link has expired', 'the verification link has expired', 'the KYC link expired'],
    params: { ...USER_PARAMS, country: 'link country (default MX)' },
    provides: { userId: 'the user id', sessionId: 'the expired link id' },
    setup: async (ctx, p) => {
      const userId = await createUser(ctx, p);
      const sessionId = await createLink(ctx, p, userId);
      // Past the partner's link TTL on its own clock: the link reads as expired (sessionUrl null).
      const ttl = linkTtl(ctx.kit(keyOf(p)));
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'capa', tenant: keyOf(p), by: ttl + 60_000 },
      });
      return { userId, sessionId };
    },
  },
  {
    name: "a Capa user's verification was decided",
    aliases: ['a verification is approved', 'the user is verified', 'the KYC was approved'],
    params: {
      ...USER_PARAMS,
      decision: 'VERIFIED (default), REJECTED or REVIEW_NEEDED',
      reason:
        'the decision\'s reason (default "Decided for a pact"), e.g. one the hosted page offers: "Face does not match the document"',
      country: 'link country (default MX)',
      webhookSecret: 'the signing secret registered first (default capa-pact-webhook-secret)',
      event: 'for message pacts: the webhook to read, e.g. VERIFIED_USER (default the last sent)',
    },
    provides: { userId: 'the user id' },
    setup: async (ctx, p) => {
      const headers = { 'partner-api-key': keyOf(p) };
      // Registered before the decision so the KYC webhooks are delivered (and captured for message pacts).
      await ctx.request('PUT', `${BASE}/webhook-settings`, {
        headers,
        json: { url: ctx.webhookUrl, secret: str(p.webhookSecret, 'capa-pact-webhook-secret') },
      });
      const userId = await createUser(ctx, p);
      const sessionId = await createLink(ctx, p, userId);
      await ctx.request('POST', `/_sandbox/sessions/${sessionId}/transition`, {
        json: { state: str(p.decision, 'VERIFIED'), reason: str(p.reason, 'Decided for a pact') },
      });
      return { userId };
    },
  },
];
