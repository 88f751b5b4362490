// Kulipa's .NET SDK against the sandbox: the requests Beans-BV/kulipa-dotnet-sdk makes, byte for
// byte as far as the wire goes (paths, query names, JSON with camelCase names and nulls left out,
// headers, call order), and a check that each answer is one the SDK's models and handlers accept.
//
// Named in providers.md §2.1–§2.10 ("Beans-BV/kulipa-dotnet-sdk": UsersResource, CreateUserRequest,
// User, IdempotencyHandler, RateLimitHandler, MemoryPublicKeyCache, webhook verifier). Read at
// commit 75815c6944137091b9bfc48ea8b36c78cd06028b; the files, with the commit that last changed each:
//   Kulipa.Sdk/Resources/UsersResource.cs (7bde521): users, users/{id}, users?…, users/{id}/phone-number,
//     /email, /address, /shipping-address, users/{id}/balance
//   Kulipa.Sdk/Resources/BaseResource.cs (cca7803): JsonContent with CamelCase + WhenWritingNull;
//     ListAsync's limit, fromPage, sortBy; the status → exception map; x-request-id on errors
//   Kulipa.Sdk/Resources/KycsResource.cs (312776a): empty — the SDK makes no KYC call
//   Kulipa.Sdk/Extensions/ServiceCollectionExtensions.cs (4127302): Accept, User-Agent, the handler
//     order, Polly retries on 5xx/408/429 (3 attempts) resending the same request
//   Kulipa.Sdk/Services/Http/IdempotencyHandler.cs (6e36545): x-idempotency-key on POST/PUT, ≤ 64,
//     auto-generated keys = uppercase hex SHA-256 (64 characters)
//   Kulipa.Sdk/Services/Http/RateLimitHandler.cs (7d670e1): x-ratelimit-remaining, x-ratelimit-reset
//     and Retry-After read as integers
//   Kulipa.Sdk/Webhooks/MemoryPublicKeyCache.cs (4127302), WebhookVerifier.cs (7d670e1): GET
//     webhooks/keys/{keyId}; "{ts}.{rawBody}", DER signature, ts ms within −5 min / +1 min
//   Kulipa.Sdk/Models/Responses/Users/User.cs (2d9d9e5), Requests/Users/*.cs (7bde521): the models
import { createHash, createVerify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, receiver, testSandbox, type Reply } from '../helpers.js';

const KEY = 'kulipa_test_key_tenant_one_0001';
const OTHER_KEY = 'kulipa_test_key_tenant_two_0002';
/** options.BaseUrl; the SDK appends "/" and sends paths relative to it. */
const BASE = '/kulipa/v1/';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The headers every SDK request carries (ConfigureHttpClient, ApiKeyAuthenticationHandler). */
const sdkHeaders = (apiKey: string) => ({
  Accept: 'application/json',
  'User-Agent': 'Kulipa-SDK-Dotnet/1.0.0.0',
  'x-api-key': apiKey,
});

/**
 * One SDK call: GetAsync, or PostAsync/PutAsync with JsonContent.Create (application/json;
 * charset=utf-8) and, when given, x-idempotency-key (IdempotencyHandler, POST and PUT only).
 */
function sdk(sb: Sandbox, apiKey = KEY) {
  return (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, idempotencyKey?: string) =>
    call(sb, method, `${BASE}${path}`, {
      headers: {
        ...sdkHeaders(apiKey),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
        ...(idempotencyKey ? { 'x-idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

// What System.Text.Json needs to build the SDK's models: `required` members present, enum names it
// knows (JsonStringEnumConverter, camelCase), DateOnly as yyyy-MM-dd, DateTime as ISO 8601.
const USER_STATUS = ['unverified', 'active', 'frozen', 'disabled', 'deleted'];
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const isDateTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';

type Json = Record<string, unknown>;
const acceptsAddress = (a: Json) =>
  str(a.address1) && str(a.postalCode) && str(a.city) && str(a.country) && strOrNull(a.address2);

/** Kulipa.Sdk.Models.Responses.Users.User. */
function acceptsUser(u: Json): boolean {
  const phone = u.phone as Json | null;
  const address = u.address as Json | null;
  const shipping = u.shippingAddress as Json | null;
  const legal = u.legalName as Json | null;
  return (
    str(u.id) &&
    str(u.firstName) &&
    str(u.lastName) &&
    USER_STATUS.includes(String(u.status)) &&
    strOrNull(u.email) &&
    (phone == null || (str(phone.country) && str(phone.number))) &&
    (u.dateOfBirth == null || DATE_ONLY.test(String(u.dateOfBirth))) &&
    strOrNull(u.countryOfBirth) &&
    strOrNull(u.countryOfResidence) &&
    (address == null || acceptsAddress(address)) &&
    (shipping == null || (acceptsAddress(shipping.address as Json) && strOrNull(shipping.phone))) &&
    (legal == null || (str(legal.firstName) && str(legal.lastName))) &&
    strOrNull(u.companyId) &&
    isDateTime(u.createdAt) &&
    isDateTime(u.updatedAt)
  );
}

/** PagedResponse<User>. */
const acceptsUserPage = (p: Json) =>
  Number.isInteger(p.page) &&
  Number.isInteger(p.count) &&
  typeof p.hasMore === 'boolean' &&
  Array.isArray(p.items) &&
  (p.items as Json[]).every(acceptsUser);

/** RateLimitHandler: int.TryParse on each header it reads (a failed parse keeps its old guess). */
const isInt = (v: string | null) => v !== null && /^-?\d+$/.test(v);

// A CreateUserRequest as the SDK serializes it: declaration order, camelCase, nulls left out,
// wallet.blockchain in kebab-case (BlockchainNetwork.StellarTestnet), DateOnly as yyyy-MM-dd.
const createUserRequest = (email: string, number = '612345678') => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  wallet: {
    blockchain: 'stellar-testnet',
    withdrawalAddress: 'GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37',
  },
  email,
  phone: { country: '+33', number },
  dateOfBirth: '1990-12-10',
  countryOfBirth: 'GB',
  countryOfResidence: 'FR',
  address: { address1: '10 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' },
});

const ok = (res: Reply, status = 200) => {
  expect(res.status, res.text).toBe(status);
  expect(acceptsUser(res.body), res.text).toBe(true);
  return res.body;
};

describe('Kulipa .NET SDK: UsersResource', () => {
  it('CreateAsync → GetAsync → ListAsync(email): each answer deserializes into User / PagedResponse<User>', async () => {
    const sb = testSandbox();
    const send = sdk(sb);
    const created = ok(
      await send('POST', 'users', createUserRequest('ada@example.com'), 'create-ada'),
      201,
    );
    expect(created).toMatchObject({ status: 'unverified', email: 'ada@example.com' });
    expect(ok(await send('GET', `users/${created.id}`)).id).toBe(created.id);
    // ListAsync: HttpUtility.ParseQueryString encodes "@"; PagedRequest defaults limit 10, sortBy -createdAt.
    const page = await send('GET', 'users?email=ada%40example.com&limit=10&fromPage=0&sortBy=-createdAt');
    expect(page.status).toBe(200);
    expect(acceptsUserPage(page.body)).toBe(true);
    expect(page.body.items.map((u: Json) => u.id)).toEqual([created.id]);
  }); // prettier-ignore

  it('ListAsync() without an email: limit and fromPage clamped by the SDK, sortBy sent', async () => {
    const sb = testSandbox();
    const send = sdk(sb);
    for (const n of [1, 2, 3])
      ok(await send('POST', 'users', createUserRequest(`u${n}@example.com`, `60000000${n}`)), 201);
    const page = await send('GET', 'users?limit=2&fromPage=1&sortBy=-createdAt');
    expect(acceptsUserPage(page.body)).toBe(true);
    expect(page.body).toMatchObject({ page: 1, count: 1, hasMore: false });
  });

  it('SetPhoneNumberAsync, SetEmailAsync (a bare JSON string), SetAddressAsync, SetShippingAddressAsync → User', async () => {
    const sb = testSandbox();
    const send = sdk(sb);
    const id = ok(await send('POST', 'users', createUserRequest('grace@example.com')), 201).id;
    const phone = ok(await send('PUT', `users/${id}/phone-number`, { country: '+33', number: '699999999' }, 'p1'));
    expect(phone.phone).toEqual({ country: '+33', number: '699999999' });
    // JsonContent.Create(email) for a string: the body is "grace.h@example.com", quotes included.
    const email = ok(await send('PUT', `users/${id}/email`, 'grace.h@example.com', 'e1'));
    expect(email.email).toBe('grace.h@example.com');
    const address = { address1: '1 Infinite Loop', postalCode: '95014', city: 'Cupertino', country: 'US', state: 'CA' };
    expect(ok(await send('PUT', `users/${id}/address`, address, 'a1')).address).toEqual(address);
    const shipping = { address: { address1: '5 Main St', postalCode: '10001', city: 'New York', country: 'US' }, phone: '+12125550100' };
    expect(ok(await send('PUT', `users/${id}/shipping-address`, shipping, 's1')).shippingAddress).toEqual(shipping);
  }); // prettier-ignore

  it('an auto-generated idempotency key (uppercase hex SHA-256, 64 characters) is accepted and replays', async () => {
    const sb = testSandbox();
    const send = sdk(sb);
    // GenerateIdempotencyKey: SHA256("{METHOD}_{PathAndQuery}_{guid:N}_{unixMs}"), Convert.ToHexString.
    const key = createHash('sha256')
      .update('POST_/v1/users_0f8fad5bd9cb469fa16570867728950e_1735689600000')
      .digest('hex')
      .toUpperCase();
    expect(key).toHaveLength(64);
    const first = await send('POST', 'users', createUserRequest('auto@example.com'), key);
    const retry = await send('POST', 'users', createUserRequest('auto@example.com'), key);
    expect(ok(first, 201).id).toBe(ok(retry, 201).id);
    expect(retry.headers.get('x-idempotent-replayed')).toBe('true');
  });

  it('a Polly retry after a 503 resends the same request and key: applied once, then replayed', async () => {
    const sb = testSandbox();
    const send = sdk(sb);
    const id = ok(await send('POST', 'users', createUserRequest('retry@example.com')), 201).id;
    await call(sb, 'POST', '/_sandbox/faults', {
      json: { provider: 'kulipa', tenant: KEY, scenario: 'service_unavailable', times: 1 },
    });
    const body = { country: '+44', number: '7700900123' };
    const attempts = [1, 2, 3].map(() => () => send('PUT', `users/${id}/phone-number`, body, 'phone-retry'));
    const first = await attempts[0]!();
    expect(first.status).toBe(503); // HandleTransientHttpError: retried
    expect(first.headers.get('x-request-id')).toBeTruthy(); // KulipaServerException keeps it
    const second = await attempts[1]!();
    const third = await attempts[2]!();
    expect(ok(second).phone).toEqual(body);
    expect(third.headers.get('x-idempotent-replayed')).toBe('true');
    expect(third.body).toEqual(second.body);
  }); // prettier-ignore

  it('maps errors as BaseResource.HandleErrorResponse does: 400 with content, 401, 403, each with x-request-id', async () => {
    const sb = testSandbox();
    const id = ok(await sdk(sb)('POST', 'users', createUserRequest('err@example.com')), 201).id;
    // The SDK validates StringLength on its side only for some fields; a 3-letter country reaches Kulipa.
    const invalid = await sdk(sb)('POST', 'users', { ...createUserRequest('x@example.com'), countryOfResidence: 'FRA' });
    expect(invalid.status).toBe(400); // KulipaValidationException(content)
    expect(invalid.body.details.issues.length).toBeGreaterThan(0);
    const unauthenticated = await sdk(sb, 'kulipa_live_wrong')('GET', `users/${id}`);
    expect(unauthenticated.status).toBe(401); // KulipaAuthenticationException
    const forbidden = await sdk(sb, OTHER_KEY)('GET', `users/${id}`);
    expect(forbidden.status).toBe(403); // KulipaAuthorizationException
    for (const r of [invalid, unauthenticated, forbidden]) expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  }); // prettier-ignore

  it('GetBalanceAsync: the sandbox answers Kulipa’s 404 (balances are not emulated)', async () => {
    const sb = testSandbox();
    const id = ok(await sdk(sb)('POST', 'users', createUserRequest('bal@example.com')), 201).id;
    const res = await sdk(sb)('GET', `users/${id}/balance`);
    expect(res.status).toBe(404); // KulipaApiException: the SDK's catch-all
    expect(res.body).toEqual({ code: 'not_found_error', message: 'Route not found' });
  });
});

describe('Kulipa .NET SDK: RateLimitHandler', () => {
  it('reads x-ratelimit-remaining, x-ratelimit-reset and, on 429, Retry-After as integers', async () => {
    const sb = testSandbox({ options: { kulipa: { rateLimit: '3' } } });
    const send = sdk(sb);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send('GET', 'users?limit=10&fromPage=0&sortBy=-createdAt'));
    for (const r of answers) {
      expect(isInt(r.headers.get('x-ratelimit-remaining'))).toBe(true);
      expect(isInt(r.headers.get('x-ratelimit-reset'))).toBe(true);
    }
    expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    const limited = answers[3]!;
    expect(limited.status).toBe(429); // KulipaRateLimitException(retryAfter)
    expect(isInt(limited.headers.get('retry-after'))).toBe(true);
  }); // prettier-ignore
});

describe('Kulipa .NET SDK: WebhookVerifier with MemoryPublicKeyCache', () => {
  it('verifies a KYC webhook as the SDK does: headers, timestamp window, key fetched by id, DER signature', async () => {
    const sb = testSandbox();
    const hook = await receiver();
    closers.push(hook.close);
    // Registering the URL is Kulipa's dashboard; the sandbox's PUT /v1/webhooks stands in for it.
    expect((await call(sb, 'PUT', '/kulipa/v1/webhooks', { headers: { 'x-api-key': KEY }, json: { url: hook.url } })).status).toBe(200);
    const id = ok(await sdk(sb)('POST', 'users', createUserRequest('hook@example.com')), 201).id;
    const kyc = await call(sb, 'PUT', '/kulipa/v1/kycs', { headers: { 'x-api-key': KEY }, json: { userId: id, type: 'full' } });
    await call(sb, 'POST', `/_sandbox/sessions/${kyc.body.id}/transition`, { json: { state: 'verified' } });
    await sb.webhooks.flush();
    expect(hook.received.length).toBeGreaterThan(0);
    // The sandbox clock (frozen in tests) plays the part of DateTime.UtcNow.
    const now = Date.parse((await call(sb, 'GET', `/_sandbox/clock?provider=kulipa&tenant=${KEY}`)).body.now);
    for (const r of hook.received) {
      const signature = String(r.headers['x-kulipa-signature'] ?? '');
      const ts = String(r.headers['x-kulipa-signature-ts'] ?? '');
      const keyId = String(r.headers['x-kulipa-key-id'] ?? '');
      expect(signature && ts && keyId).toBeTruthy(); // MissingHeaders otherwise
      expect(/^\d+$/.test(ts)).toBe(true); // long.TryParse
      expect(Number(ts)).toBeLessThanOrEqual(now + 60_000);
      expect(Number(ts)).toBeGreaterThanOrEqual(now - 5 * 60_000);
      const key = await sdk(sb)('GET', `webhooks/keys/${keyId}`); // GetKeyAsync, through the same HttpClient
      expect(key.status).toBe(200);
      expect(key.body).toMatchObject({ id: keyId, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
      expect(String(key.body.algorithm).toUpperCase()).toBe('ECDSA_SHA_256');
      expect(isDateTime(key.body.createdAt) && isDateTime(key.body.updatedAt)).toBe(true);
      // ecdsa.VerifyData(…, SHA256, DSASignatureFormat.Rfc3279DerSequence) over "{ts}.{rawBody}".
      expect(createVerify('sha256').update(`${ts}.${r.body}`).verify(key.body.publicKey, signature, 'hex')).toBe(true);
    }
  }); // prettier-ignore
});
