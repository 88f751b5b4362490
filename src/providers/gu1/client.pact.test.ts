// Consumer pacts for gu1: the reference client (HTTP) and the webhook receiver (signed messages).
import { createHmac } from 'node:crypto';
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, hex, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type Gu1Error, gu1Client, readGu1Webhook } from './client.js';

const { like, regex, integer, eachLike, fromProviderState } = MatchersV3;
const KEY = 'gk_sandbox_org1_5f0c2a9e00000001';
const ORG = '5f0c2a9e-0000-4000-8000-000000000001';
const ENTITY = '384f9064-8595-4142-91e7-c47b30285dbf';
const VALIDATION = 'b4671641-da1a-4eeb-a175-6a2c33fef94d';
const auth = { authorization: `Bearer ${KEY}`, 'x-organization-id': ORG };
const entityPath = (suffix: string) =>
  fromProviderState(
    `/api/kyc/entities/\${entityId}${suffix}`,
    `/api/kyc/entities/${ENTITY}${suffix}`,
  );
const validationPath = () =>
  fromProviderState('/api/kyc/validations/${validationId}', `/api/kyc/validations/${VALIDATION}`);
const error = (code: string, message: string) => ({ success: false, error: { code, message } });

const http = consumerPact('gu1-reference-client', 'gu1');
const hooks = consumerPact('gu1-webhook-receiver', 'gu1');
afterAll(() => {
  http.publish();
  hooks.publish();
});

const client = (baseUrl: string, apiKey = KEY) =>
  gu1Client({ baseUrl, apiKey, organizationId: ORG });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should fail'),
    (e: Gu1Error) => e,
  );
const ANA = {
  type: 'person' as const,
  name: 'Ana Pérez',
  countryCode: 'AR',
  taxId: '20-12345678-9',
};

describe('gu1 reference client (consumer pact)', () => {
  it('creates a person entity', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request to create a person entity')
      .withRequest('POST', '/api/entities', (b) => b.headers(auth).jsonBody(ANA))
      .willRespondWith(201, (b) =>
        b.jsonBody({
          success: true,
          entity: { id: uuid(ENTITY), ...ANA, kycVerified: false, createdAt: isoTimestamp() },
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).createPerson(ANA)).id).toBe(ENTITY);
      }));

  it('is refused with 401 for an unknown API key', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request with an unknown API key')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers({ ...auth, authorization: 'Bearer gk_live_nobody_has_this' }).jsonBody(ANA),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('INVALID_API_KEY', 'Invalid API key')))
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url, 'gk_live_nobody_has_this').createPerson(ANA))).code,
        ).toBe('INVALID_API_KEY');
      }));

  it('is refused with 400 when a required field is missing', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request to create a person without a name')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers(auth).jsonBody({ type: 'person', name: '', countryCode: 'AR' }),
      )
      // gu1's README lists details.issues, but the contract's Error.details declares no fields, so the
      // pact↔contract check (rightly) refuses a pact that relies on them: code and message only.
      .willRespondWith(400, (b) => b.jsonBody(error('VALIDATION_ERROR', 'Validation failed')))
      .executeTest(async (mock) => {
        expect(
          (
            await rejection(
              client(mock.url).createPerson({ type: 'person', name: '', countryCode: 'AR' }),
            )
          ).status,
        ).toBe(400);
      }));

  it('is refused with 409 for a taxId already used in the organization', () =>
    http.pact
      .addInteraction()
      .given('a gu1 person entity exists', { organizationId: ORG, taxId: ANA.taxId })
      .uponReceiving('a request to create a person with a taxId already used')
      .withRequest('POST', '/api/entities', (b) => b.headers(auth).jsonBody(ANA))
      .willRespondWith(409, (b) =>
        b.jsonBody(
          error(
            'ENTITY_ALREADY_EXISTS',
            `An entity with taxId ${ANA.taxId} already exists in this organization`,
          ),
        ),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).createPerson(ANA))).status).toBe(409);
      }));

  it('starts a KYC validation and gets the link to share', () =>
    http.pact
      .addInteraction()
      .given('a gu1 person entity exists', { organizationId: ORG })
      .uponReceiving('a request to create a KYC validation')
      .withRequest('POST', '/api/kyc/validations', (b) =>
        b.headers(auth).jsonBody({
          entityId: fromProviderState('${entityId}', ENTITY),
          integrationCode: 'global_gueno_validation_kyc',
        }),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          id: uuid(VALIDATION),
          entityId: uuid(ENTITY),
          status: 'pending',
          sessionId: regex('^session_[0-9a-f]{24}$', 'session_5c224abca56903d3433e4843'),
          providerSessionUrl: url(`http://127.0.0.1:4010/verify/gu1/${VALIDATION}`),
          isCurrent: true,
          expiresAt: isoTimestamp('2025-01-08T00:00:00.000Z'),
        }),
      )
      .executeTest(async (mock) => {
        expect(
          (
            await client(mock.url).createValidation({
              entityId: ENTITY,
              integrationCode: 'global_gueno_validation_kyc',
            })
          ).providerSessionUrl,
        ).toMatch(/^http/);
      }));

  it('reads an approved validation with its decision', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation was decided', { organizationId: ORG, decision: 'approved' })
      .uponReceiving('a request for an approved validation')
      .withRequest('GET', validationPath(), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: uuid(VALIDATION),
          status: 'approved',
          decision: { status: 'Approved', warnings: [] },
          extractedData: {
            firstName: like('Ana'),
            lastName: like('Pérez'),
            documentNumber: like('20-12345678-9'),
          },
          verifiedAt: isoTimestamp(),
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).getValidation(VALIDATION)).status).toBe('approved');
      }));

  it('reads a validation whose link has expired', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation has expired', { organizationId: ORG })
      .uponReceiving('a request for an expired validation')
      .withRequest('GET', validationPath(), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.jsonBody({ id: uuid(VALIDATION), status: 'expired', decision: null, verifiedAt: null }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).getValidation(VALIDATION)).status).toBe('expired');
      }));

  it('is refused with 404 for a validation it does not have', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request for an unknown validation')
      .withRequest('GET', '/api/kyc/validations/00000000-0000-4000-8000-000000000000', (b) =>
        b.headers(auth),
      )
      .willRespondWith(404, (b) =>
        b.jsonBody(error('VALIDATION_NOT_FOUND', 'Validation Not Found')),
      )
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url).getValidation('00000000-0000-4000-8000-000000000000')))
            .code,
        ).toBe('VALIDATION_NOT_FOUND');
      }));

  it('is refused with 404 when the entity has no current validation', () =>
    http.pact
      .addInteraction()
      .given('a gu1 person entity exists', { organizationId: ORG })
      .uponReceiving('a request for the current validation of an entity without one')
      .withRequest('GET', entityPath('/current'), (b) => b.headers(auth))
      .willRespondWith(404, (b) =>
        b.jsonBody(error('NO_CURRENT_VALIDATION', 'No Current Validation Found')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).currentValidation(ENTITY))).status).toBe(404);
      }));

  it("lists an entity's validations", () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is pending', { organizationId: ORG })
      .uponReceiving("a request for an entity's validations")
      .withRequest('GET', entityPath('/validations'), (b) =>
        b.headers(auth).query({ page: '1', limit: '100' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          validations: eachLike({
            id: uuid(VALIDATION),
            entityId: uuid(ENTITY),
            status: 'pending',
            isCurrent: true,
          }),
          total: integer(1),
          page: 1,
          limit: 100,
        }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).listValidations(ENTITY)).validations[0].status).toBe(
          'pending',
        );
      }));

  it('backs off on 429 with Retry-After once the organization has used its rate limit', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization has used up its hourly rate limit', { organizationId: ORG })
      .uponReceiving('a request over the hourly rate limit')
      .withRequest('GET', '/api/kyc/validations/00000000-0000-4000-8000-000000000000', (b) =>
        b.headers(auth),
      )
      .willRespondWith(429, (b) =>
        b
          .headers({ 'retry-after': regex('^\\d+$', '30') })
          .jsonBody(error('RATE_LIMIT_EXCEEDED', 'Rate limit exceeded, retry later')),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).getValidation('00000000-0000-4000-8000-000000000000'),
        );
        expect({ status: e.status, retryAfterS: e.retryAfterS }).toEqual({
          status: 429,
          retryAfterS: 30,
        });
      }));
});

describe('gu1 webhook receiver (message pact)', () => {
  const SECRET = 'gu1-pact-webhook-secret';
  // Keys in alphabetical order at every level, as Pact hands a message back, so the example signature
  // (over exactly these bytes) makes the receiver's HMAC check run for real.
  const body = (status: string) => ({
    event: `kyc.validation_${status}`,
    organizationId: ORG,
    payload: {
      entity: { id: ENTITY, kycVerified: status === 'approved' },
      id: VALIDATION,
      status,
      validationId: VALIDATION,
    },
    timestamp: '2025-01-01T00:00:00.000Z',
  });

  it.each(['approved', 'rejected'])('accepts the signed kyc.validation_%s webhook', (decision) =>
    hooks.pact
      .addAsynchronousInteraction()
      .given('a gu1 KYC validation was decided', {
        organizationId: ORG,
        decision,
        webhookSecret: SECRET,
        event: `kyc.validation_${decision}`,
      })
      .expectsToReceive(`a signed kyc.validation_${decision} webhook`, (b) =>
        b
          .withJSONContent({
            ...body(decision),
            payload: {
              entity: { id: uuid(ENTITY), kycVerified: decision === 'approved' },
              id: uuid(VALIDATION),
              status: decision,
              validationId: uuid(VALIDATION),
            },
            timestamp: isoTimestamp(),
          })
          .withMetadata({
            'x-webhook-signature': hex(
              64,
              createHmac('sha256', SECRET)
                .update(JSON.stringify(body(decision)))
                .digest('hex'),
            ),
          }),
      )
      .executeTest(async (m) => {
        const hook = readGu1Webhook(
          SECRET,
          JSON.stringify(m.contents.content),
          m.metadata as Record<string, string>,
        );
        expect(hook.payload.status).toBe(decision);
      }),
  );
});
