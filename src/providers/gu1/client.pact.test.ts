// Consumer pacts for gu1: the reference client (HTTP) and the webhook receiver (signed messages).
// Every row of gu1's error table is pinned, each through the behaviour that answers it (the transport
// rows through a forced scenario, which is how a sandbox user meets them too).
import { createHmac } from 'node:crypto';
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerPact, hex, isoTimestamp, url, uuid } from '../../pact/consumer.js';
import { type Gu1Client, type Gu1Error, gu1Client, readGu1Webhook } from './client.js';

const { like, regex, integer, eachLike, fromProviderState } = MatchersV3;
const KEY = 'gk_sandbox_org1_5f0c2a9e00000001';
const ORG = '5f0c2a9e-0000-4000-8000-000000000001';
const OTHER_ORG = '5f0c2a9e-0000-4000-8000-000000000002';
const ENTITY = '384f9064-8595-4142-91e7-c47b30285dbf';
const VALIDATION = 'b4671641-da1a-4eeb-a175-6a2c33fef94d';
const auth = { authorization: `Bearer ${KEY}`, 'x-organization-id': ORG };
const entityPath = (suffix: string) =>
  fromProviderState(
    `/api/kyc/entities/\${entityId}${suffix}`,
    `/api/kyc/entities/${ENTITY}${suffix}`,
  );
const entityById = () => fromProviderState('/api/entities/${entityId}', `/api/entities/${ENTITY}`);
const validationPath = (suffix = '') =>
  fromProviderState(
    `/api/kyc/validations/\${validationId}${suffix}`,
    `/api/kyc/validations/${VALIDATION}${suffix}`,
  );
const error = (code: string, message: string) => ({ success: false, error: { code, message } });
const DENIED = 'Missing or invalid API key or organization context';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const http = consumerPact('gu1-reference-client', 'gu1');
const hooks = consumerPact('gu1-webhook-receiver', 'gu1');
afterAll(() => {
  http.publish();
  hooks.publish();
});

/**
 * The client's fetch in these tests. Pact's mock server can record a request only after it has
 * answered it, so under CPU load the check that follows sees it "expected but not received"
 * (pact-foundation/pact-reference#535, pact-js#1835): a short pause after each answer lets it
 * catch up. A fresh connection per request, too: a new mock server may get a closed one's port.
 */
const fresh: typeof fetch = async (input, init) => {
  const res = await fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), connection: 'close' },
  });
  await new Promise((done) => setTimeout(done, 25));
  return res;
};
const client = (baseUrl: string, apiKey = KEY, organizationId: string | undefined = ORG) =>
  gu1Client({ baseUrl, apiKey, organizationId, fetch: fresh });
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

  it('sends the Bearer key alone, as the KYC pages do: the key selects its organization', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request to create a person with the API key and no X-Organization-ID')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers({ authorization: auth.authorization }).jsonBody(ANA),
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({ success: true, entity: { id: uuid(ENTITY), organizationId: ORG } }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url, KEY, undefined).createPerson(ANA)).id).toBe(ENTITY);
      }));

  it('is refused with 401 without an API key', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request without an API key')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers({ 'x-organization-id': ORG }).jsonBody(ANA),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('UNAUTHORIZED', DENIED)))
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url, '').createPerson(ANA))).code).toBe('UNAUTHORIZED');
      }));

  it('is refused with 401 for an unknown API key', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request with an unknown API key')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers({ ...auth, authorization: 'Bearer gk_live_nobody_has_this' }).jsonBody(ANA),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('UNAUTHORIZED', DENIED)))
      .executeTest(async (mock) => {
        expect(
          (await rejection(client(mock.url, 'gk_live_nobody_has_this').createPerson(ANA))).code,
        ).toBe('UNAUTHORIZED');
      }));

  it("is refused with 401 for another organization's X-Organization-ID", () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving("a request with the key and another organization's id")
      .withRequest('POST', '/api/entities', (b) =>
        b.headers({ ...auth, 'x-organization-id': OTHER_ORG }).jsonBody(ANA),
      )
      .willRespondWith(401, (b) => b.jsonBody(error('UNAUTHORIZED', DENIED)))
      .executeTest(async (mock) => {
        const c = client(mock.url, KEY, OTHER_ORG);
        expect((await rejection(c.createPerson(ANA))).status).toBe(401);
      }));

  it('is refused with 400 when a required field is missing', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request to create a person without a name')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers(auth).jsonBody({ type: 'person', name: '', countryCode: 'AR' }),
      )
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

  it('is refused with 400 INVALID_BODY for a body that is not JSON', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request to create a person sent as a form')
      .withRequest('POST', '/api/entities', (b) =>
        b.headers(auth).body('text/plain', Buffer.from('type=person&name=Ana&countryCode=AR')),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error(
            'INVALID_BODY',
            'Request body must be a JSON object sent with Content-Type: application/json',
          ),
        ),
      )
      .executeTest(async (mock) => {
        // The reference client always sends JSON; a hand-written form post is what gets this answer.
        const res = await fresh(`${mock.url}/api/entities`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'text/plain' },
          body: 'type=person&name=Ana&countryCode=AR',
        });
        expect(res.status).toBe(400);
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

  it('reads a person entity by id, by externalId and by taxId', async () => {
    const given = { organizationId: ORG, taxId: ANA.taxId, externalId: 'customer_12345' };
    const entity = {
      id: uuid(ENTITY),
      externalId: 'customer_12345',
      taxId: ANA.taxId,
      kycVerified: false,
    };
    for (const [what, path, read] of [
      ['by id', entityById(), (c: Gu1Client) => c.getEntity(ENTITY)],
      [
        'by externalId',
        '/api/entities/by-external-id/customer_12345',
        (c: Gu1Client) => c.findEntityByExternalId('customer_12345'),
      ],
      [
        'by taxId',
        `/api/entities/by-tax-id/${ANA.taxId}`,
        (c: Gu1Client) => c.findEntityByTaxId(ANA.taxId),
      ],
    ] as const)
      await http.pact
        .addInteraction()
        .given('a gu1 person entity exists', given)
        .uponReceiving(`a request for a person entity ${what}`)
        .withRequest('GET', path, (b) => b.headers(auth))
        .willRespondWith(200, (b) => b.jsonBody(entity))
        .executeTest(async (mock) => {
          expect((await read(client(mock.url))).id).toBe(ENTITY);
        });
  });

  it('is refused with 404 for an entity it does not have', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request for an unknown entity')
      .withRequest('GET', `/api/entities/${UNKNOWN}`, (b) => b.headers(auth))
      .willRespondWith(404, (b) => b.jsonBody(error('ENTITY_NOT_FOUND', 'Entity Not Found')))
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).getEntity(UNKNOWN))).code).toBe(
          'ENTITY_NOT_FOUND',
        );
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

  it('is refused with 400 for metadata over 10 KB', () => {
    const metadata = { note: 'x'.repeat(10 * 1024 - 10) };
    return http.pact
      .addInteraction()
      .given('a gu1 person entity exists', { organizationId: ORG })
      .uponReceiving('a request to create a KYC validation with 10241 bytes of metadata')
      .withRequest('POST', '/api/kyc/validations', (b) =>
        b.headers(auth).jsonBody({
          entityId: fromProviderState('${entityId}', ENTITY),
          integrationCode: 'global_gueno_validation_kyc',
          metadata,
        }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error('METADATA_TOO_LARGE', 'metadata must be at most 10 KB of JSON (10241 bytes sent)'),
        ),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).createValidation({
            entityId: ENTITY,
            integrationCode: 'global_gueno_validation_kyc',
            metadata,
          }),
        );
        expect(e.code).toBe('METADATA_TOO_LARGE');
      });
  });

  it('is refused with 400 for an integration the organization does not have', () =>
    http.pact
      .addInteraction()
      .given('a gu1 person entity exists', { organizationId: ORG })
      .uponReceiving('a request to create a KYC validation with an unknown integration code')
      .withRequest('POST', '/api/kyc/validations', (b) =>
        b.headers(auth).jsonBody({
          entityId: fromProviderState('${entityId}', ENTITY),
          integrationCode: 'acme_kyc',
        }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error(
            'INTEGRATION_NOT_CONFIGURED',
            'Integration acme_kyc is not configured for this organization',
          ),
        ),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).createValidation({ entityId: ENTITY, integrationCode: 'acme_kyc' }),
        );
        expect(e.code).toBe('INTEGRATION_NOT_CONFIGURED');
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
      .withRequest('GET', `/api/kyc/validations/${UNKNOWN}`, (b) => b.headers(auth))
      .willRespondWith(404, (b) =>
        b.jsonBody(error('VALIDATION_NOT_FOUND', 'Validation Not Found')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).getValidation(UNKNOWN))).code).toBe(
          'VALIDATION_NOT_FOUND',
        );
      }));

  it('is refused with 404 for a validation that was deleted', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation was deleted', { organizationId: ORG })
      .uponReceiving('a request for a deleted validation')
      .withRequest('GET', validationPath(), (b) => b.headers(auth))
      .willRespondWith(404, (b) =>
        b.jsonBody(error('VALIDATION_NOT_FOUND', 'Validation Not Found')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).getValidation(VALIDATION))).status).toBe(404);
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

  it("reads a verified entity's KYC status", () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation was decided', { organizationId: ORG, decision: 'approved' })
      .uponReceiving("a request for a verified entity's KYC status")
      .withRequest('GET', entityPath('/status'), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          entityId: uuid(ENTITY),
          hasKyc: true,
          isVerified: true,
          currentValidation: {
            id: uuid(VALIDATION),
            status: 'approved',
            verifiedAt: isoTimestamp('2025-01-15T11:00:00.000Z'),
          },
          lastVerifiedAt: isoTimestamp('2025-01-15T11:00:00.000Z'),
          needsReverification: false,
          expiresAt: isoTimestamp('2026-01-15T11:00:00.000Z'),
        }),
      )
      .executeTest(async (mock) => {
        const status = await client(mock.url).entityKycStatus(ENTITY);
        expect([status.isVerified, status.needsReverification]).toEqual([true, false]);
      }));

  it('syncs a validation with its provider', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is pending', { organizationId: ORG })
      .uponReceiving('a request to sync a validation')
      .withRequest('POST', validationPath('/sync'), (b) =>
        b.headers(auth).jsonBody({ force: true }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ id: uuid(VALIDATION), status: 'pending', isCurrent: true }),
      )
      .executeTest(async (mock) => {
        expect((await client(mock.url).syncValidation(VALIDATION, true)).id).toBe(VALIDATION);
      }));

  it('is refused with 400 when syncing a validation without a provider session', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation has no provider session', { organizationId: ORG })
      .uponReceiving('a request to sync a validation without a provider session')
      .withRequest('POST', validationPath('/sync'), (b) => b.headers(auth).jsonBody({}))
      .willRespondWith(400, (b) =>
        b.jsonBody(error('NO_SESSION_ID', 'Validation has no provider session to sync')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).syncValidation(VALIDATION))).code).toBe(
          'NO_SESSION_ID',
        );
      }));

  it('is refused with 400 when syncing once the integration is switched off', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is pending and its organization switched the integration off', {
        organizationId: ORG,
      })
      .uponReceiving('a request to sync a validation whose integration is off')
      .withRequest('POST', validationPath('/sync'), (b) => b.headers(auth).jsonBody({}))
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error('PROVIDER_INTEGRATION_NOT_CONFIGURED', 'Provider Integration Not Configured'),
        ),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).syncValidation(VALIDATION))).code).toBe(
          'PROVIDER_INTEGRATION_NOT_CONFIGURED',
        );
      }));

  it('cancels a pending validation', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is pending', { organizationId: ORG })
      .uponReceiving('a request to cancel a pending validation')
      .withRequest('DELETE', validationPath('/cancel'), (b) =>
        b.headers(auth).jsonBody({ reason: 'User requested to cancel the verification process' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: uuid(VALIDATION),
          status: 'cancelled',
          isCurrent: false,
          metadata: { cancellationReason: 'User requested to cancel the verification process' },
        }),
      )
      .executeTest(async (mock) => {
        const v = await client(mock.url).cancelValidation(
          VALIDATION,
          'User requested to cancel the verification process',
        );
        expect([v.status, v.isCurrent]).toEqual(['cancelled', false]);
      }));

  it('is refused with 400 when cancelling a validation already decided', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation was decided', { organizationId: ORG, decision: 'approved' })
      .uponReceiving('a request to cancel an approved validation')
      .withRequest('DELETE', validationPath('/cancel'), (b) =>
        b.headers(auth).jsonBody({ reason: 'Duplicate validation' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          error(
            'INVALID_STATUS',
            'Validation can only be cancelled if status is pending, in_progress, or in_review',
          ),
        ),
      )
      .executeTest(async (mock) => {
        const e = await rejection(
          client(mock.url).cancelValidation(VALIDATION, 'Duplicate validation'),
        );
        expect(e.code).toBe('INVALID_STATUS');
      }));

  it('is refused with 400 for a reason under 5 characters', () =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is pending', { organizationId: ORG })
      .uponReceiving('a request to cancel a validation with a 2-character reason')
      .withRequest('DELETE', validationPath('/cancel'), (b) =>
        b.headers(auth).jsonBody({ reason: 'no' }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(error('INVALID_REASON', 'Reason must be at least 5 characters')),
      )
      .executeTest(async (mock) => {
        expect((await rejection(client(mock.url).cancelValidation(VALIDATION, 'no'))).code).toBe(
          'INVALID_REASON',
        );
      }));

  it.each([
    ['approve', 'approved', true],
    ['reject', 'rejected', false],
  ] as const)('%ss a validation in review', (action, status, isCurrent) =>
    http.pact
      .addInteraction()
      .given('a gu1 KYC validation is in review', { organizationId: ORG })
      .uponReceiving(`a request to ${action} a validation in review`)
      .withRequest('POST', validationPath(`/${action}`), (b) =>
        b.headers(auth).jsonBody({ reason: 'Manual review completed' }),
      )
      .willRespondWith(200, (b) => b.jsonBody({ id: uuid(VALIDATION), status, isCurrent }))
      .executeTest(async (mock) => {
        const c = client(mock.url);
        const v = await (action === 'approve' ? c.approveValidation : c.rejectValidation)(
          VALIDATION,
          'Manual review completed',
        );
        expect(v.status).toBe(status);
      }),
  );

  it.each([
    ['approve', 'a gu1 KYC validation is pending', 'a pending validation', 'approved'],
    ['reject', 'a gu1 KYC validation was decided', 'an approved validation', 'rejected'],
  ] as const)(
    'is refused with 400 to %s a validation that is not in review',
    (action, state, what, verb) =>
      http.pact
        .addInteraction()
        .given(state, { organizationId: ORG })
        .uponReceiving(`a request to ${action} ${what}`)
        .withRequest('POST', validationPath(`/${action}`), (b) =>
          b.headers(auth).jsonBody({ reason: 'Manual review completed' }),
        )
        .willRespondWith(400, (b) =>
          b.jsonBody(
            error(
              'INVALID_STATUS',
              `Validation can only be ${verb} if provider status is in_review`,
            ),
          ),
        )
        .executeTest(async (mock) => {
          const c = client(mock.url);
          const call = action === 'approve' ? c.approveValidation : c.rejectValidation;
          expect((await rejection(call(VALIDATION, 'Manual review completed'))).code).toBe(
            'INVALID_STATUS',
          );
        }),
  );

  it('answers 404 in the gu1 envelope for a path gu1 does not have', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization', { organizationId: ORG })
      .uponReceiving('a request for an unknown path')
      .withRequest('GET', '/api/kyc/nothing-here', (b) => b.headers(auth))
      .willRespondWith(404, (b) => b.jsonBody(error('NOT_FOUND', 'Route not found')))
      .executeTest(async (mock) => {
        const res = await fresh(`${mock.url}/api/kyc/nothing-here`, { headers: auth });
        expect(res.status).toBe(404);
      }));

  it('backs off on 429 with Retry-After once the organization has used its rate limit', () =>
    http.pact
      .addInteraction()
      .given('a gu1 organization has used up its hourly rate limit', { organizationId: ORG })
      .uponReceiving('a request over the hourly rate limit')
      .withRequest('GET', `/api/kyc/validations/${UNKNOWN}`, (b) => b.headers(auth))
      .willRespondWith(429, (b) =>
        b
          .headers({ 'retry-after': regex('^\\d+$', '30') })
          .jsonBody(error('RATE_LIMIT_EXCEEDED', 'Rate limit exceeded, retry later')),
      )
      .executeTest(async (mock) => {
        const e = await rejection(client(mock.url).getValidation(UNKNOWN));
        expect({ status: e.status, retryAfterS: e.retryAfterS }).toEqual({
          status: 429,
          retryAfterS: 30,
        });
      }));

  it.each([
    ['PAYLOAD_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', 'Request body too large'],
    ['internal_error', 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'],
    ['bad_gateway', 502, 'BAD_GATEWAY', 'Bad gateway'],
    ['service_unavailable', 503, 'SERVICE_UNAVAILABLE', 'Service unavailable'],
    ['gateway_timeout', 504, 'GATEWAY_TIMEOUT', 'Gateway timeout'],
  ] as const)('surfaces %s as a Gu1Error (%i)', (scenario, status, code, message) =>
    http.pact
      .addInteraction()
      .given("a gu1 organization's next request fails", { organizationId: ORG, scenario })
      .uponReceiving(`a request answered with ${status} ${code}`)
      .withRequest('POST', '/api/entities', (b) => b.headers(auth).jsonBody(ANA))
      .willRespondWith(status, (b) => b.jsonBody(error(code, message)))
      .executeTest(async (mock) => {
        const e = await rejection(client(mock.url).createPerson(ANA));
        expect([e.status, e.code, e.message]).toEqual([status, code, message]);
      }),
  );
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

  it('accepts the signed kyc.validation_cancelled webhook (no entity row)', () => {
    const content = {
      event: 'kyc.validation_cancelled',
      organizationId: ORG,
      payload: { id: VALIDATION, isCurrent: false, status: 'cancelled', validationId: VALIDATION },
      timestamp: '2025-01-01T00:00:00.000Z',
    };
    return hooks.pact
      .addAsynchronousInteraction()
      .given('a gu1 KYC validation was cancelled', {
        organizationId: ORG,
        webhookSecret: SECRET,
        event: 'kyc.validation_cancelled',
      })
      .expectsToReceive('a signed kyc.validation_cancelled webhook', (b) =>
        b
          .withJSONContent({
            ...content,
            payload: { ...content.payload, id: uuid(VALIDATION), validationId: uuid(VALIDATION) },
            timestamp: isoTimestamp(),
          })
          .withMetadata({
            'x-webhook-signature': hex(
              64,
              createHmac('sha256', SECRET).update(JSON.stringify(content)).digest('hex'),
            ),
          }),
      )
      .executeTest(async (m) => {
        const hook = readGu1Webhook(
          SECRET,
          JSON.stringify(m.contents.content),
          m.metadata as Record<string, string>,
        );
        expect([hook.payload.status, hook.payload.entity]).toEqual(['cancelled', undefined]);
      });
  });
});
