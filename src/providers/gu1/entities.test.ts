// Behaviour of POST /api/entities: person entities, duplicate taxIds, input errors.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import { createEntity, expectError, gu1Call, ORG, sandbox, THEM } from './testing.js';

const entities = (sb: ReturnType<typeof sandbox>) =>
  sb.snapshot({ provider: 'gu1', tenant: ORG })[`gu1:${ORG}`]?.entities ?? [];

describe('gu1 POST /api/entities', () => {
  it('creates a person entity: 201 {success, entity} with the documented fields', async () => {
    const sb = sandbox();
    const res = await gu1Call(sb, 'POST', '/api/entities', {
      type: 'person',
      externalId: 'customer_12345',
      name: 'María González',
      countryCode: 'ar',
      taxId: '20-12345678-9',
      entityData: {
        person: { firstName: 'María', lastName: 'González', dateOfBirth: '1990-05-15' },
      },
      attributes: { segment: 'retail' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      success: true,
      entity: {
        externalId: 'customer_12345',
        organizationId: ORG,
        type: 'person',
        name: 'María González',
        countryCode: 'AR',
        taxId: '20-12345678-9',
        status: 'under_review',
        kycVerified: false,
        attributes: { segment: 'retail' },
        createdAt: '2025-01-01T00:00:00.000Z',
        deletedAt: null,
      },
    });
    expect(res.body.entity).not.toHaveProperty('taxIdKey');
  });

  it('answers 409 ENTITY_ALREADY_EXISTS for a taxId already in the organization, formatting ignored, and creates no duplicate', async () => {
    const sb = sandbox();
    const first = await createEntity(sb, { taxId: '20-12345678-9' });
    const res = await gu1Call(sb, 'POST', '/api/entities', {
      type: 'person',
      name: 'Other',
      countryCode: 'AR',
      taxId: '20.12345678.9',
    });
    expectError(
      res,
      409,
      'ENTITY_ALREADY_EXISTS',
      'An entity with taxId 20.12345678.9 already exists in this organization',
    );
    expect(res.body.error.details).toEqual({ existingEntityId: first });
    expect(entities(sb)).toHaveLength(1);
  });

  it('lets another organization use the same taxId', async () => {
    const sb = sandbox();
    await createEntity(sb, { taxId: '20-12345678-9' });
    await createEntity(sb, { taxId: '20-12345678-9' }, THEM);
  });

  it('creates entities without a taxId (no duplicate check)', async () => {
    const sb = sandbox();
    await createEntity(sb, { taxId: undefined });
    await createEntity(sb, { taxId: undefined });
    expect(entities(sb)).toHaveLength(2);
  });

  it.each([
    ['countryCode missing', { type: 'person', name: 'Ana' }],
    ['countryCode not alpha-2', { type: 'person', name: 'Ana', countryCode: 'ARG' }],
    ['name missing', { type: 'person', countryCode: 'AR' }],
    ['a company', { type: 'company', name: 'Acme', countryCode: 'AR' }],
    ['wrong types', { type: 'person', name: 42, countryCode: 'AR', taxId: ['x'] }],
    ['a huge name', { type: 'person', name: 'x'.repeat(5000), countryCode: 'AR' }],
  ])('answers 400 VALIDATION_ERROR for %s and stores nothing', async (_label, body) => {
    const sb = sandbox();
    const res = await gu1Call(sb, 'POST', '/api/entities', body);
    expectError(res, 400, 'VALIDATION_ERROR', 'Validation failed');
    expect(res.body.error.details.issues.length).toBeGreaterThan(0);
    expect(entities(sb)).toEqual([]);
  });

  it('answers 400 INVALID_BODY for malformed JSON and for a non-JSON content type', async () => {
    const sb = sandbox();
    const headers = {
      authorization: 'Bearer gk_sandbox_org1_5f0c2a9e00000001',
      'x-organization-id': ORG,
    };
    const broken = await call(sb, 'POST', '/gu1/api/entities', {
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"type": "person",',
    });
    expectError(
      broken,
      400,
      'INVALID_BODY',
      'Request body must be a JSON object sent with Content-Type: application/json',
    );
    const form = await call(sb, 'POST', '/gu1/api/entities', {
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'type=person',
    });
    expectError(
      form,
      400,
      'INVALID_BODY',
      'Request body must be a JSON object sent with Content-Type: application/json',
    );
    expect(entities(sb)).toEqual([]);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 100 KB', async () => {
    const res = await gu1Call(sandbox(), 'POST', '/api/entities', {
      type: 'person',
      name: 'Ana',
      countryCode: 'AR',
      attributes: { blob: 'x'.repeat(110_000) },
    });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
  });

  it('keeps unicode names and taxIds intact', async () => {
    const res = await gu1Call(sandbox(), 'POST', '/api/entities', {
      type: 'person',
      name: 'Zoë Ñandú 李',
      countryCode: 'BR',
      taxId: 'ÇPF-123',
    });
    expect(res.status).toBe(201);
    expect(res.body.entity).toMatchObject({ name: 'Zoë Ñandú 李', taxId: 'ÇPF-123' });
  });
});
