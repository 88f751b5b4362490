// Faceki's Pact provider states: tokens, KYC links in each state and direct verifications, seeded
// through Faceki's endpoints (a direct verification, multipart, through its transition).
import type { ProviderState, StateContext } from '../../engine/index.js';
import { clientById } from './accounts.js';
import { verify } from './transitions.js';

const DEFAULT_CLIENT = 'faceki_test_client_v2';
const DEFAULT_SECRET = 'faceki_test_secret_v2_000001';

type Params = Readonly<Record<string, unknown>>;
const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const clientOf = (p: Params) => str(p.clientId, DEFAULT_CLIENT);

/** Tokens are signed by the sandbox, so a pact cannot carry a literal one: the state provides it. */
async function tokenFor(ctx: StateContext, p: Params): Promise<string> {
  const q = new URLSearchParams({
    clientId: clientOf(p),
    clientSecret: str(p.clientSecret, DEFAULT_SECRET),
  });
  return (
    await ctx.request<{ data: { access_token: string } }>(
      'GET',
      `/faceki/auth/api/access-token?${q}`,
    )
  ).body.data.access_token;
}

async function createLink(
  ctx: StateContext,
  p: Params,
  token: string,
  expiryTime: string,
): Promise<string> {
  const res = await ctx.request<{ data: string }>(
    'POST',
    '/faceki/kycverify/api/kycverify/kyc-verify-link',
    {
      headers: { authorization: `Bearer ${token}` },
      // A V2 body: the default client speaks V2 (expiryTime a string of minutes, no workflowId).
      json: {
        expiryTime,
        applicationId: str(p.applicationId, 'app-pact-1'),
        redirect_url: 'https://partner.example/kyc-done',
      },
    },
  );
  return res.body.data;
}

const move = (ctx: StateContext, linkId: string, state: string) =>
  ctx.request('POST', `/_sandbox/sessions/${linkId}/transition`, { json: { state } });

const CLIENT_PARAMS = {
  clientId: `a V2 client (default ${DEFAULT_CLIENT})`,
  clientSecret: `its secret (default ${DEFAULT_SECRET})`,
};
const LINK_PARAMS = { ...CLIENT_PARAMS, applicationId: 'default app-pact-1' };

export const facekiStates: readonly ProviderState[] = [
  {
    name: 'a Faceki client',
    aliases: ['a client exists', 'valid client credentials', 'a valid API key'],
    params: CLIENT_PARAMS,
    // Nothing to seed: fixture clients exist from the start, and each interaction starts empty.
    setup: async () => ({}),
  },
  {
    name: 'the Faceki access token is invalid',
    aliases: ['the API key is invalid', 'the token is invalid', 'unauthorized'],
    // Every Bearer call of the interaction answers 401 responseCode 1 "Unauthorized: invalid token".
    scenario: 'TOKEN_INVALID',
    setup: async () => ({}),
  },
  {
    name: 'the Faceki client secret is invalid',
    aliases: [
      'the client credentials are invalid',
      'the credentials are invalid',
      'a wrong secret',
    ],
    // The token calls of the interaction answer 401 "invalid client secret".
    scenario: 'CLIENT_SECRET_INVALID',
    setup: async () => ({}),
  },
  {
    name: 'a Faceki client fails the next request',
    aliases: ['the next request fails', 'the server is down', 'the service is unavailable'],
    params: {
      ...CLIENT_PARAMS,
      scenario:
        'internal_error (default), bad_gateway, service_unavailable, gateway_timeout, rate_limited, or an error-table row such as PAYLOAD_TOO_LARGE',
    },
    // What Pact cannot provoke by itself (an outage, a body over the limit), as a one-shot fault rule
    // on the client's next call, in Faceki's envelope.
    setup: async (ctx, p) => {
      const scenario = str(p.scenario, 'internal_error');
      await ctx.request('POST', '/_sandbox/faults', {
        json: { provider: 'faceki', tenant: clientOf(p), scenario, times: 1 },
      });
      return {};
    },
  },
  {
    name: 'a Faceki client has an access token',
    aliases: ['a valid access token', 'the client is authenticated', 'an access token exists'],
    params: CLIENT_PARAMS,
    provides: {
      token: 'a Bearer token for the client (use fromProviderState("Bearer ${token}", …))',
    },
    setup: async (ctx, p) => ({ token: await tokenFor(ctx, p) }),
  },
  {
    name: 'a Faceki client has an expired access token',
    aliases: ['the token has expired', 'the access token has expired', 'an expired token'],
    params: CLIENT_PARAMS,
    provides: { token: 'a Bearer token past its expires_in on the client clock' },
    setup: async (ctx, p) => {
      const token = await tokenFor(ctx, p);
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'faceki', tenant: clientOf(p), by: '2h' },
      });
      return { token };
    },
  },
  {
    name: 'a Faceki client has passed a direct verification',
    aliases: ['a direct verification was accepted', 'a face was verified'],
    params: {
      ...CLIENT_PARAMS,
      selfie: 'the selfie, as text (default "pact-selfie"); search-by-face with the same finds it',
      record_identifier: 'default cust-pact-1',
    },
    provides: { token: 'a Bearer token', requestId: 'the ACCEPTED verification' },
    setup: async (ctx, p) => {
      const token = await tokenFor(ctx, p);
      const client = clientById(clientOf(p))!;
      const v = verify(ctx.kit(client.clientId), client, {
        api: 'v3',
        workflowId: client.defaultWorkflowId ?? '64a1f0c2e4b0a1b2c3d40001',
        recordIdentifier: str(p.record_identifier, 'cust-pact-1'),
        documents: ['Passport'],
        steer: 'ACCEPTED',
        selfie: str(p.selfie, 'pact-selfie'),
      });
      return { token, requestId: 'id' in v ? v.id : '' };
    },
  },
  {
    name: 'a Faceki KYC link exists',
    aliases: ['a link exists', 'a verification link exists', 'a KYC link was created'],
    params: LINK_PARAMS,
    provides: { token: 'a Bearer token', linkId: 'the link id (UUID)' },
    setup: async (ctx, p) => {
      const token = await tokenFor(ctx, p);
      return { token, linkId: await createLink(ctx, p, token, '60') };
    },
  },
  {
    name: 'a Faceki KYC link has expired',
    aliases: ['the link has expired', 'the verification link has expired', 'the KYC link expired'],
    params: LINK_PARAMS,
    provides: { token: 'a Bearer token (still valid)', linkId: 'the expired link' },
    setup: async (ctx, p) => {
      const token = await tokenFor(ctx, p);
      const linkId = await createLink(ctx, p, token, '1');
      // Two minutes on the client's clock: the one-minute link expires, the one-hour token does not.
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'faceki', tenant: clientOf(p), by: '2m' },
      });
      return { token, linkId };
    },
  },
  {
    name: 'a Faceki KYC link was decided',
    aliases: ['a verification is approved', 'the KYC was approved', 'a verification was decided'],
    params: {
      ...LINK_PARAMS,
      decision: 'ACCEPTED (default), DECLINED or REVIEW',
      afterReview:
        'optional: ACCEPTED or DECLINED, a reviewer deciding after REVIEW (sends EKYC_PORTAL_UPDATE)',
      event: 'for message pacts: EKYC_RESULT or EKYC_PORTAL_UPDATE (default the last sent)',
    },
    provides: { token: 'a Bearer token', linkId: 'the decided link' },
    setup: async (ctx, p) => {
      // The portal's "Webhook Setup" is an admin call here; set first so the decision's webhook is delivered.
      await ctx.request('PUT', '/_sandbox/providers/faceki/webhook-setup', {
        json: { tenant: clientOf(p), url: ctx.webhookUrl },
      });
      const token = await tokenFor(ctx, p);
      const linkId = await createLink(ctx, p, token, '60');
      await move(ctx, linkId, str(p.decision, 'ACCEPTED'));
      if (typeof p.afterReview === 'string') await move(ctx, linkId, p.afterReview);
      return { token, linkId };
    },
  },
];
