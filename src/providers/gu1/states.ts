// gu1's Pact provider states: sentences that seed an organization through gu1's API and the admin API.
import type { ProviderState, StateContext } from '../../engine/index.js';
import { optionsOf } from './lifecycle.js';

// gu1's own endpoints create what an integrator would; the admin API does what a person, gu1's
// dashboard or the clock would.
const DEFAULT_KEY = 'gk_sandbox_org1_5f0c2a9e00000001';
const DEFAULT_ORG = '5f0c2a9e-0000-4000-8000-000000000001';
const INTEGRATION = 'global_gueno_validation_kyc';

type Params = Readonly<Record<string, unknown>>;
const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const orgOf = (p: Params) => str(p.organizationId, DEFAULT_ORG);
const headers = (p: Params) => ({
  authorization: `Bearer ${str(p.apiKey, DEFAULT_KEY)}`,
  'x-organization-id': orgOf(p),
});

let seq = 0;

async function createPerson(ctx: StateContext, p: Params): Promise<string> {
  // A fresh taxId by default: duplicates are a 409, and the sandbox test taxIds walk on their own.
  const body = {
    type: 'person',
    name: str(p.name, 'Ana Pérez'),
    countryCode: str(p.countryCode, 'AR'),
    taxId: str(p.taxId, `20-${40000000 + ++seq}-7`),
    ...(typeof p.externalId === 'string' ? { externalId: p.externalId } : {}),
  };
  return (
    await ctx.request<{ entity: { id: string } }>('POST', '/gu1/api/entities', {
      headers: headers(p),
      json: body,
    })
  ).body.entity.id;
}

async function createValidation(ctx: StateContext, p: Params, entityId: string): Promise<string> {
  const res = await ctx.request<{ id: string }>('POST', '/gu1/api/kyc/validations', {
    headers: headers(p),
    json: { entityId, integrationCode: INTEGRATION },
  });
  return res.body.id;
}

const move = (ctx: StateContext, id: string, state: string) =>
  ctx.request('POST', `/_sandbox/sessions/${id}/transition`, {
    json: { state, reason: 'Decided for a pact' },
  });

/** gu1 sets webhooks in its dashboard; here the admin API does, before anything is sent. */
const webhookTo = (ctx: StateContext, p: Params) =>
  ctx.request('PUT', `/_sandbox/providers/gu1/organizations/${orgOf(p)}/webhook`, {
    json: {
      url: ctx.webhookUrl,
      secret: str(p.webhookSecret, 'gu1-pact-webhook-secret'),
      events: ['kyc.*'],
    },
  });

/** A person and a validation the person finished, waiting for compliance review. */
async function inReview(ctx: StateContext, p: Params) {
  const entityId = await createPerson(ctx, p);
  const validationId = await createValidation(ctx, p, entityId);
  await move(ctx, validationId, 'in_progress');
  await move(ctx, validationId, 'in_review');
  return { entityId, validationId };
}

const ORG_PARAMS = {
  apiKey: `the Bearer key (default ${DEFAULT_KEY})`,
  organizationId: `the X-Organization-ID (default ${DEFAULT_ORG})`,
};
const PERSON_PARAMS = {
  ...ORG_PARAMS,
  taxId: 'default: a fresh one',
  name: 'default Ana Pérez',
  countryCode: 'default AR',
  externalId: 'default: none',
};
const WEBHOOK_PARAMS = {
  webhookSecret: 'the organization webhook secret set first (default gu1-pact-webhook-secret)',
  event: 'for message pacts: the webhook to read (default the last sent)',
};

export const gu1States: readonly ProviderState[] = [
  {
    name: 'a gu1 organization',
    aliases: ['an organization exists', 'a valid API key', 'the API key is valid'],
    params: ORG_PARAMS,
    // Nothing to seed: fixture organizations exist, and each interaction starts empty.
    setup: async () => ({}),
  },
  {
    name: 'the gu1 API key is invalid',
    aliases: ['the API key is wrong', 'unauthorized', 'the organization is unknown'],
    // Every request of the interaction answers gu1's one 401 UNAUTHORIZED, whatever it sends.
    scenario: 'UNAUTHORIZED',
    setup: async () => ({}),
  },
  {
    name: 'a gu1 person entity exists',
    aliases: ['a user exists', 'a person exists', 'an entity exists', 'a user was created'],
    params: PERSON_PARAMS,
    provides: { entityId: 'the entity id (UUID)' },
    setup: async (ctx, p) => ({ entityId: await createPerson(ctx, p) }),
  },
  {
    name: 'a gu1 KYC validation is pending',
    aliases: [
      'a validation exists',
      'a verification link exists',
      'a link exists',
      'a verification is pending',
    ],
    params: PERSON_PARAMS,
    provides: { entityId: 'the person', validationId: 'the pending validation (UUID)' },
    setup: async (ctx, p) => {
      const entityId = await createPerson(ctx, p);
      return { entityId, validationId: await createValidation(ctx, p, entityId) };
    },
  },
  {
    name: 'a gu1 KYC validation has expired',
    aliases: [
      'the link has expired',
      'the verification link has expired',
      'the validation expired',
    ],
    params: PERSON_PARAMS,
    provides: { entityId: 'the person', validationId: 'the expired validation' },
    setup: async (ctx, p) => {
      const entityId = await createPerson(ctx, p);
      const validationId = await createValidation(ctx, p, entityId);
      // Past validationTtl on the organization's clock: the link expires, as a link left unused would.
      const ttl = optionsOf(ctx.kit(orgOf(p))).validationTtl;
      await ctx.request('POST', '/_sandbox/clock/advance', {
        json: { provider: 'gu1', tenant: orgOf(p), by: ttl + 60_000 },
      });
      return { entityId, validationId };
    },
  },
  {
    name: 'a gu1 KYC validation was decided',
    aliases: ['a verification is approved', 'the KYC was approved', 'a validation is approved'],
    params: {
      ...PERSON_PARAMS,
      ...WEBHOOK_PARAMS,
      decision: 'approved (default), rejected or in_review',
    },
    provides: { entityId: 'the person', validationId: 'the decided validation' },
    setup: async (ctx, p) => {
      await webhookTo(ctx, p);
      const entityId = await createPerson(ctx, p);
      const validationId = await createValidation(ctx, p, entityId);
      // The person opens the link first: decisions are only reachable from in_progress.
      await move(ctx, validationId, 'in_progress');
      await move(ctx, validationId, str(p.decision, 'approved'));
      return { entityId, validationId };
    },
  },
  {
    name: 'a gu1 KYC validation is in review',
    aliases: ['a verification is in review', 'a validation needs manual review'],
    params: { ...PERSON_PARAMS, ...WEBHOOK_PARAMS },
    provides: { entityId: 'the person', validationId: 'the validation in review' },
    setup: async (ctx, p) => {
      await webhookTo(ctx, p);
      return inReview(ctx, p);
    },
  },
  {
    name: 'a gu1 KYC validation was cancelled',
    aliases: ['a verification was cancelled', 'the validation is cancelled'],
    params: { ...PERSON_PARAMS, ...WEBHOOK_PARAMS },
    provides: { entityId: 'the person', validationId: 'the cancelled validation' },
    setup: async (ctx, p) => {
      await webhookTo(ctx, p);
      const entityId = await createPerson(ctx, p);
      const validationId = await createValidation(ctx, p, entityId);
      // Through gu1's own endpoint: the organization cancels (kyc.validation_cancelled is sent).
      await ctx.request('DELETE', `/gu1/api/kyc/validations/${validationId}/cancel`, {
        headers: headers(p),
        json: { reason: 'Cancelled for a pact' },
      });
      return { entityId, validationId };
    },
  },
  {
    name: 'a gu1 KYC validation has no provider session',
    params: ORG_PARAMS,
    provides: {
      entityId: 'the person',
      validationId: 'a pending validation of a sandbox test taxId',
    },
    setup: async (ctx, p) => {
      // A sandbox test taxId's validation has no provider session; 99.990.004 waits in review later.
      const entityId = await createPerson(ctx, { ...p, taxId: '99.990.004' });
      return { entityId, validationId: await createValidation(ctx, p, entityId) };
    },
  },
  {
    name: 'a gu1 KYC validation is pending and its organization switched the integration off',
    params: PERSON_PARAMS,
    provides: { entityId: 'the person', validationId: 'the pending validation' },
    setup: async (ctx, p) => {
      const entityId = await createPerson(ctx, p);
      const validationId = await createValidation(ctx, p, entityId);
      // gu1's Marketplace / Integrations page; here the admin API.
      await ctx.request('PUT', `/_sandbox/providers/gu1/organizations/${orgOf(p)}/integrations`, {
        json: { codes: [] },
      });
      return { entityId, validationId };
    },
  },
  {
    name: 'a gu1 KYC validation was deleted',
    params: PERSON_PARAMS,
    provides: { entityId: 'the person', validationId: 'the id of the deleted validation' },
    setup: async (ctx, p) => {
      const entityId = await createPerson(ctx, p);
      const validationId = await createValidation(ctx, p, entityId);
      await ctx.request('DELETE', `/_sandbox/providers/gu1/validations/${validationId}`);
      return { entityId, validationId };
    },
  },
  {
    name: "a gu1 organization's next request fails",
    aliases: ['the next request fails', 'the server is down', 'the service is unavailable'],
    params: {
      ...ORG_PARAMS,
      scenario:
        'a gu1 scenario (GET /_sandbox/scenarios?provider=gu1): internal_error, bad_gateway, service_unavailable, gateway_timeout, PAYLOAD_TOO_LARGE …',
    },
    setup: async (ctx, p) => {
      // Failures of gu1's transport, forced once in gu1's envelope (a one-shot fault rule).
      await ctx.request('POST', '/_sandbox/faults', {
        json: {
          provider: 'gu1',
          tenant: orgOf(p),
          scenario: str(p.scenario, 'internal_error'),
          times: 1,
        },
      });
      return {};
    },
  },
  {
    name: 'a gu1 organization has used up its hourly rate limit',
    aliases: ['the rate limit is exceeded', 'too many requests'],
    params: ORG_PARAMS,
    setup: async (ctx, p) => {
      // gu1's documented sandbox limit (100 req/h) is off by default here (option rateLimit), so the
      // next call gets the same 429 through a one-shot fault rule in gu1's envelope, Retry-After included.
      await ctx.request('POST', '/_sandbox/faults', {
        json: { provider: 'gu1', tenant: orgOf(p), scenario: 'rate_limited', times: 1 },
      });
      return {};
    },
  },
];
