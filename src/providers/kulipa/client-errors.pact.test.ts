// Consumer pact for Kulipa's error rows: every operation of the contract, each error it documents
// (400, 401, 403, 429, 500, 502, 503, 504; 409 duplicate_user_error) and the sandbox's own (404
// lookups, 409/422 idempotency, 413), with the exact code and message, driven through client.ts.
// What Pact cannot provoke by itself (an outage, a body over the limit or not JSON, a concurrent
// first request) comes from the state "Kulipa fails the next request", a one-shot fault rule on the key.
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact } from '../../pact/consumer.js';
import { type KulipaClient, type KulipaError, kulipaClient } from './client.js';
import { kulipaErrors, type KulipaErrorKey } from './errors.js';

const { regex, fromProviderState } = MatchersV3;
const KEY = 'kulipa_test_key_tenant_one_0001';
const OTHER_KEY = 'kulipa_test_key_tenant_two_0002';
const USER = 'usr-7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
const KYC = 'kyc-6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const KEY_ID = 'dwk-b0c0f805-7e25-443a-aedb-d07da4c16b1e';
const ADA = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  countryOfResidence: 'FR',
};
const ADDRESS = { address1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const PHONE = { country: '+33', number: '612345678' };

const { pact, publish } = consumerPact('kulipa-reference-client-errors', 'kulipa');
afterAll(() => publish());

type Given = [string, Record<string, string>];

/** One request: the typed client call it is, and how Pact records it. */
interface Req {
  method: 'GET' | 'PUT' | 'POST';
  /** The example path, and the provider-state expression when it names a seeded record. */
  path: string;
  statePath?: string;
  query?: Record<string, string | ReturnType<typeof regex>>;
  body?: unknown;
  raw?: { body: string; contentType: string };
  idempotencyKey?: string;
  /** The x-api-key sent (default the seeded key; null: none). */
  apiKey?: string | null;
  run(c: KulipaClient, idempotencyKey?: string): Promise<unknown>;
}

interface Case {
  op: string;
  why: string;
  given?: Given;
  req: Req;
  row: KulipaErrorKey;
  vars?: Record<string, unknown>;
}

const userPath = (suffix = '') => ({
  path: `/v1/users/${USER}${suffix}`,
  statePath: `/v1/users/\${userId}${suffix}`,
});

/** The contract's operations, each as its valid request (user ids from the state when seeded). */
const OPS: Record<string, Omit<Req, 'apiKey'>> = {
  createUser: { method: 'POST', path: '/v1/users', body: ADA, run: (c, k) => c.createUser(ADA, k) },
  listUsers: {
    method: 'GET',
    path: '/v1/users',
    query: { email: 'ada@example.com' },
    run: (c) => c.findUsers('ada@example.com'),
  },
  getUser: { method: 'GET', ...userPath(), run: (c) => c.getUser(USER) },
  setUserAddress: {
    method: 'PUT',
    ...userPath('/address'),
    body: ADDRESS,
    run: (c, k) => c.setAddress(USER, ADDRESS, k),
  },
  setUserPhoneNumber: {
    method: 'PUT',
    ...userPath('/phone-number'),
    body: PHONE,
    run: (c, k) => c.setPhoneNumber(USER, PHONE, k),
  },
  // The {email} form: Pact's verifier cannot replay a bare JSON string body (the SDK's form, which
  // test/clients/kulipa-dotnet-sdk.test.ts replays).
  setUserEmail: {
    method: 'PUT',
    ...userPath('/email'),
    body: { email: 'ada.new@example.com' },
    run: (c, k) => c.setEmail(USER, 'ada.new@example.com', k, 'object'),
  },
  setUserShippingAddress: {
    method: 'PUT',
    ...userPath('/shipping-address'),
    body: { address: ADDRESS },
    run: (c, k) => c.setShippingAddress(USER, { address: ADDRESS }, k),
  },
  initiateKyc: {
    method: 'PUT',
    path: '/v1/kycs',
    body: { userId: USER, type: 'full' },
    run: (c, k) => c.initiateKyc({ userId: USER, type: 'full' }, k),
  },
  initiateKycPost: {
    method: 'POST',
    path: '/v1/kycs',
    body: { userId: USER, type: 'full' },
    run: (c, k) => c.initiateKyc({ userId: USER, type: 'full' }, k, 'POST'),
  },
  exportKyc: {
    method: 'GET',
    path: '/v1/kycs/export',
    query: { userId: USER },
    run: (c) => c.exportKyc(USER),
  },
  getKyc: {
    method: 'GET',
    path: `/v1/kycs/${KYC}`,
    statePath: '/v1/kycs/${kycId}',
    run: (c) => c.getKyc(KYC),
  },
  getWebhookSettings: { method: 'GET', path: '/v1/webhooks', run: (c) => c.webhookSettings() },
  updateWebhookSettings: {
    method: 'PUT',
    path: '/v1/webhooks',
    body: { url: 'https://wallet.example/hooks' },
    run: (c, k) => c.registerWebhook('https://wallet.example/hooks', k),
  },
  getWebhookKey: {
    method: 'GET',
    path: `/v1/webhooks/keys/${KEY_ID}`,
    run: (c) => c.webhookKey(KEY_ID),
  },
};
const WRITES = Object.keys(OPS).filter((id) => OPS[id]!.method !== 'GET');
const FAILURES = [
  ['internal_error', 'INTERNAL_SERVER_ERROR'],
  ['bad_gateway', 'BAD_GATEWAY'],
  ['service_unavailable', 'SERVICE_UNAVAILABLE'],
  ['gateway_timeout', 'GATEWAY_TIMEOUT'],
] as const;

/** The same request without a state-seeded path: fixed example ids, for answers given before any lookup. */
const plain = (op: string, extra: Partial<Req> = {}): Req => {
  const { statePath: _s, ...req } = OPS[op]!;
  return { ...req, ...extra };
};
/** The request naming the seeded user (or KYC) in its path, body or query. */
const seeded = (op: string, extra: Partial<Req> = {}): Req => {
  const req = OPS[op]!;
  const body =
    req.body && typeof req.body === 'object' && 'userId' in req.body
      ? { ...req.body, userId: fromProviderState('${userId}', USER) }
      : req.body;
  const query = req.query?.userId ? { userId: fromProviderState('${userId}', USER) } : req.query;
  return { ...req, body, query, ...extra } as Req;
};
/** A raw request through the client's transport, for what the typed methods never send. */
const raw = (op: string, send: Partial<Req> & { path?: string }): Req => {
  const req = { ...plain(op), ...send };
  const path = `${req.path.replace(/^\/v1/, '')}${req.query ? `?${new URLSearchParams(req.query as Record<string, string>)}` : ''}`;
  return {
    ...req,
    run: (c, k) =>
      c.request(req.method, path, req.body, {
        idempotencyKey: k,
        raw: req.raw,
      }),
  };
};

const user = (params: Record<string, string> = {}): Given => [
  'a Kulipa user exists',
  { apiKey: KEY, ...params },
];
const active = (params: Record<string, string> = {}): Given => [
  'a Kulipa user is active',
  { apiKey: KEY, ...params },
];
const kyc = (state: string, params: Record<string, string> = {}): Given => [
  state,
  { apiKey: KEY, ...params },
];

/** 401, 429 and the documented 5xx: every operation. */
const everyOperation: Case[] = Object.keys(OPS).flatMap((op) => [
  { op, why: 'without an x-api-key', req: plain(op, { apiKey: null }), row: 'MISSING_API_KEY' },
  {
    op,
    why: 'with a key that names no tenant',
    req: plain(op, { apiKey: 'live_key_nobody_has' }),
    row: 'INVALID_API_KEY',
  },
  {
    op,
    why: 'over the rate limit',
    given: ['a Kulipa API key has used up its rate limit', { apiKey: KEY }],
    req: plain(op),
    row: 'TOO_MANY_REQUESTS',
  },
  ...FAILURES.map(([scenario, row]): Case => ({
    op,
    why: `while Kulipa answers ${kulipaErrors[row].status}`,
    given: ['Kulipa fails the next request', { apiKey: KEY, scenario }],
    req: plain(op),
    row,
  })),
]);

/** What every write refuses before its handler: idempotency keys, bodies, the body limit. */
const everyWrite: Case[] = WRITES.flatMap((op) => {
  const email = op === 'setUserEmail';
  return [
    {
      op,
      why: 'with an x-idempotency-key over 64 characters',
      req: plain(op, { idempotencyKey: 'k'.repeat(65) }),
      row: 'IDEMPOTENCY_KEY_INVALID',
    },
    {
      op,
      why: 'reusing an idempotency key with another request',
      given: ['a Kulipa idempotency key was used', { apiKey: KEY, idempotencyKey: 'pact-reused' }],
      req: plain(op, { idempotencyKey: 'pact-reused' }),
      row: 'IDEMPOTENCY_KEY_REUSED',
    },
    {
      op,
      why: 'while the first request with its idempotency key still runs',
      given: ['Kulipa fails the next request', { apiKey: KEY, scenario: 'IDEMPOTENCY_KEY_IN_USE' }],
      req: plain(op, { idempotencyKey: 'pact-in-flight' }),
      row: 'IDEMPOTENCY_KEY_IN_USE',
    },
    {
      op,
      why: 'with a body over the limit',
      given: ['Kulipa fails the next request', { apiKey: KEY, scenario: 'PAYLOAD_TOO_LARGE' }],
      req: plain(op),
      row: 'PAYLOAD_TOO_LARGE',
    },
    {
      op,
      why: 'with a text/plain body',
      req: raw(op, { raw: { body: 'userId=usr-1', contentType: 'text/plain' } }),
      row: 'UNSUPPORTED_CONTENT_TYPE',
    },
    {
      // Pact's mock server parses JSON bodies on both sides, so a broken one travels as a fault.
      op,
      why: 'with a body that is not JSON',
      given: ['Kulipa fails the next request', { apiKey: KEY, scenario: 'MALFORMED_JSON' }],
      req: plain(op),
      row: 'MALFORMED_JSON',
    },
    {
      op,
      why: 'with a JSON array body',
      req: raw(op, { body: [1, 2] }),
      row: email ? 'EMAIL_BODY_INVALID' : 'BODY_NOT_OBJECT',
    },
  ] satisfies Case[];
});

/** The user-id rules, wherever a user id travels (path, body, query). */
const BAD_USER_IDS: [string, unknown, KulipaErrorKey, Record<string, unknown>?][] = [
  ['a 7-character userId', 'usr-123', 'USER_ID_LENGTH', { length: 7 }],
  ['a userId with another prefix', 'abc-7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', 'USER_ID_PREFIX'],
  ['a userId that is no UUID', 'usr-zzzzzzzz-5b6c-4d7e-8f9a-0b1c2d3e4f5a', 'USER_ID_NOT_UUID'],
  ['a userId with a v1 UUID', 'usr-6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'USER_ID_VERSION', { version: 1 }],
]; // prettier-ignore

const userIdCases = (op: string, at: 'path' | 'body' | 'query'): Case[] =>
  BAD_USER_IDS.map(([why, id, row, vars]) => {
    const base = OPS[op]!;
    const send =
      at === 'path'
        ? { path: base.path.replace(USER, String(id)) }
        : at === 'body'
          ? { body: { ...(base.body as object), userId: id } }
          : { query: { userId: String(id) } };
    return { op, why: `for ${why}`, req: raw(op, send), row, vars };
  });

/** The lookups of an operation naming a user: nobody's (404), another key's (403). */
const userLookups = (op: string): Case[] => [
  { op, why: 'for a user nobody owns', req: plain(op), row: 'USER_NOT_FOUND' },
  {
    op,
    why: "for another key's user",
    given: user({ apiKey: OTHER_KEY }),
    req: seeded(op),
    row: 'FORBIDDEN_USER',
  },
];

const updates = ['setUserAddress', 'setUserPhoneNumber', 'setUserEmail', 'setUserShippingAddress'];

const perOperation: Case[] = [
  // POST /v1/users
  { op: 'createUser', why: 'without a firstName', req: raw('createUser', { body: { ...ADA, firstName: undefined } }), row: 'VALIDATION_ERROR', vars: { detail: 'firstName is required' } },
  { op: 'createUser', why: 'for an email already taken', given: user({ email: 'ada@example.com' }), req: plain('createUser'), row: 'DUPLICATE_USER_EMAIL' },
  { op: 'createUser', why: 'for a phone already taken', given: user({ phoneNumber: '612345678' }), req: raw('createUser', { body: { ...ADA, phone: PHONE } }), row: 'DUPLICATE_USER_PHONE' },
  // GET /v1/users
  { op: 'listUsers', why: 'with limit=0', req: raw('listUsers', { query: { limit: '0' } }), row: 'VALIDATION_ERROR', vars: { detail: 'limit must be a whole number between 1 and 100' } },
  // GET /v1/users/{userId}
  ...userIdCases('getUser', 'path'),
  ...userLookups('getUser'),
  // The four update endpoints.
  ...updates.flatMap((op) => [
    ...userIdCases(op, 'path'),
    ...userLookups(op),
    { op, why: 'for a deleted user', given: user({ status: 'deleted' }), req: seeded(op), row: 'USER_NOT_UPDATABLE', vars: { status: 'deleted' } } satisfies Case,
  ]),
  { op: 'setUserAddress', why: 'without a city', req: raw('setUserAddress', { body: { ...ADDRESS, city: undefined } }), row: 'VALIDATION_ERROR', vars: { detail: 'city is required' } },
  { op: 'setUserAddress', why: 'for a user who has undergone KYC', given: active(), req: seeded('setUserAddress'), row: 'ADDRESS_UPDATE_NEEDS_KYC' },
  { op: 'setUserPhoneNumber', why: 'for a country code without +', req: raw('setUserPhoneNumber', { body: { ...PHONE, country: '33' } }), row: 'VALIDATION_ERROR', vars: { detail: 'country must match pattern "^\\+[0-9]{1,4}$"' } },
  { op: 'setUserPhoneNumber', why: "for another user's phone", given: user({ otherPhoneNumber: PHONE.number }), req: seeded('setUserPhoneNumber'), row: 'DUPLICATE_USER_PHONE' },
  { op: 'setUserEmail', why: "for another user's email", given: user({ otherEmail: 'ADA.NEW@example.com' }), req: seeded('setUserEmail'), row: 'DUPLICATE_USER_EMAIL' },
  { op: 'setUserEmail', why: 'for an email that is no email', req: raw('setUserEmail', { body: { email: 'not-an-email' } }), row: 'VALIDATION_ERROR', vars: { detail: 'email must be an email address of at most 254 characters' } },
  { op: 'setUserShippingAddress', why: 'without the address', req: raw('setUserShippingAddress', { body: { phone: '+33612345678' } }), row: 'VALIDATION_ERROR', vars: { detail: 'address is required' } },
  // GET /v1/kycs/export
  { op: 'exportKyc', why: 'without a userId', req: raw('exportKyc', { query: undefined }), row: 'USER_ID_REQUIRED' },
  ...userIdCases('exportKyc', 'query'),
  ...userLookups('exportKyc'),
  { op: 'exportKyc', why: 'for a user without a verified full KYC', given: user(), req: seeded('exportKyc'), row: 'KYC_NOT_VERIFIED' },
  { op: 'exportKyc', why: 'for a frozen user', given: active({ status: 'frozen' }), req: seeded('exportKyc'), row: 'EXPORT_USER_NOT_ACTIVE' },
  // GET /v1/kycs/{kycId}
  { op: 'getKyc', why: 'for a malformed KYC id', req: raw('getKyc', { path: '/v1/kycs/kyc-1' }), row: 'KYC_ID_INVALID' },
  { op: 'getKyc', why: 'for a KYC nobody owns', req: plain('getKyc'), row: 'KYC_NOT_FOUND' },
  { op: 'getKyc', why: "for another key's KYC", given: kyc('a Kulipa KYC is pending', { apiKey: OTHER_KEY }), req: seeded('getKyc'), row: 'FORBIDDEN_KYC' },
  // PUT /v1/webhooks
  { op: 'updateWebhookSettings', why: 'for a URL that is not http(s)', req: raw('updateWebhookSettings', { body: { url: 'ftp://wallet.example/hooks' } }), row: 'VALIDATION_ERROR', vars: { detail: 'url must match pattern "^https?://"' } },
  // A path Kulipa does not have.
  { op: 'listUsers', why: 'at a path Kulipa does not have', req: raw('listUsers', { path: '/v1/nothing-here', query: undefined }), row: 'ROUTE_NOT_FOUND' },
  // Light KYC's refusals need option kycTypes with light, which a verifier's sandbox does not set:
  // forced once through "Kulipa fails the next request", on the call that meets them.
  ...(['KYC_LIGHT_NOT_IN_REGION', 'LIGHT_ALREADY_VERIFIED', 'FULL_KYC_REQUIRED'] as const).map((row): Case => ({ op: 'initiateKyc', why: `for type light (${row}, forced)`, given: ['Kulipa fails the next request', { apiKey: KEY, scenario: row }], req: raw('initiateKyc', { body: { userId: USER, type: 'light' } }), row })),
  // GET /v1/webhooks/keys/{keyId}
  { op: 'getWebhookKey', why: 'for a malformed key id', req: raw('getWebhookKey', { path: '/v1/webhooks/keys/dwk-1' }), row: 'KEY_ID_INVALID' },
  { op: 'getWebhookKey', why: 'for a key this tenant does not sign with', req: plain('getWebhookKey'), row: 'WEBHOOK_KEY_NOT_FOUND' },
]; // prettier-ignore

/** Initiate KYC's own 400s, by PUT and by POST: each field rule, then each state rule. */
const initiateCases: Case[] = ['initiateKyc', 'initiateKycPost'].flatMap((op) => {
  const body = (extra: Record<string, unknown>) =>
    raw(op, { body: { userId: USER, type: 'full', ...extra } });
  const withUser = (type = 'full') =>
    seeded(op, {
      body: { userId: fromProviderState('${userId}', USER), type },
      run: (c, k) =>
        c.initiateKyc({ userId: USER, type: type as 'full' }, k, OPS[op]!.method as 'PUT'),
    });
  return [
    { op, why: 'without a userId', req: body({ userId: undefined }), row: 'USER_ID_REQUIRED' },
    { op, why: 'for a numeric userId', req: body({ userId: 42 }), row: 'USER_ID_NOT_STRING' },
    ...userIdCases(op, 'body'),
    { op, why: 'without a type', req: body({ type: undefined }), row: 'KYC_TYPE_REQUIRED' },
    { op, why: 'for an unknown type', req: body({ type: 'basic' }), row: 'KYC_TYPE_INVALID' },
    { op, why: 'for type light (off by default)', req: body({ type: 'light' }), row: 'KYC_TYPE_LIGHT_DISABLED' },
    { op, why: 'for type full-followup (off by default)', req: body({ type: 'full-followup' }), row: 'KYC_TYPE_FULL_FOLLOWUP_DISABLED' },
    { op, why: 'for type import', req: body({ type: 'import' }), row: 'KYC_IMPORT_NOT_AVAILABLE' },
    { op, why: 'for a javascript: redirectUri', req: body({ redirectUri: 'javascript:alert(1)' }), row: 'REDIRECT_URI_INVALID' },
    ...userLookups(op),
    { op, why: 'for a frozen user', given: user({ status: 'frozen' }), req: withUser(), row: 'INVALID_USER_STATUS', vars: { status: 'frozen' } },
    { op, why: 'for an rfi of a user not yet active', given: user(), req: withUser('rfi'), row: 'RFI_NEEDS_ACTIVE_USER' },
    { op, why: 'for a second full KYC of an active user', given: active(), req: withUser(), row: 'USER_ALREADY_VERIFIED' },
    { op, why: 'while a full KYC is under review', given: kyc('a Kulipa KYC is under review'), req: withUser(), row: 'KYC_IN_REVIEW', vars: { type: 'full' } },
  ] satisfies Case[]; // prettier-ignore
});

const message = (row: KulipaErrorKey, vars: Record<string, unknown> = {}) =>
  kulipaErrors[row].message.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k]));

/**
 * Pact's mock server can record a request a moment after it answered it; checked at once, a busy
 * machine then sees "expected but not received" for a request the client got its answer to.
 */
const settled: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return res;
};

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: KulipaError) => e,
  );

function pin(c: Case) {
  const { req } = c;
  const status = kulipaErrors[c.row].status;
  const apiKey = req.apiKey === undefined ? KEY : req.apiKey;
  const [state, params] = c.given ?? ['a Kulipa API key', { apiKey: KEY }];
  const path = req.statePath && c.given ? fromProviderState(req.statePath, req.path) : req.path;
  return pact
    .addInteraction()
    .given(state, params)
    .uponReceiving(`${c.op}: refused ${c.why}`)
    .withRequest(req.method, path, (b) => {
      b.headers({
        ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
        ...(req.idempotencyKey ? { 'x-idempotency-key': req.idempotencyKey } : {}),
      });
      if (req.query) b.query(req.query);
      if (req.raw) b.body(req.raw.contentType, Buffer.from(req.raw.body));
      else if (req.body !== undefined) b.jsonBody(req.body);
    })
    .willRespondWith(status, (b) => {
      if (status === 429)
        b.headers({ 'retry-after': regex('^\\d+$', '60'), 'x-ratelimit-remaining': '0' });
      b.jsonBody({ code: kulipaErrors[c.row].code, message: message(c.row, c.vars) });
    })
    .executeTest(async (mock) => {
      const client = kulipaClient({
        baseUrl: `${mock.url}/v1`,
        apiKey: apiKey ?? '',
        fetch: settled,
      });
      const e = await rejection(req.run(client, req.idempotencyKey));
      expect({ status: e.status, code: e.code, message: e.message }).toEqual({
        status,
        code: kulipaErrors[c.row].code,
        message: message(c.row, c.vars),
      });
    });
}

describe('Kulipa reference client: every documented error row (consumer pact)', () => {
  const all = [...everyOperation, ...everyWrite, ...perOperation, ...initiateCases];
  it.each(all.map((c) => [`${c.op}: refused ${c.why}`, c] as const))('%s', (_name, c) => pin(c));
});
