// Behaviour of gu1's entities: creating persons (duplicate taxIds, input errors) and reading them back.
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/helpers.js';
import {
  createEntity,
  decide,
  expectError,
  gu1Call,
  inReview,
  KEY,
  ORG,
  sandbox,
  THEM,
} from './testing.js';

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

describe('gu1 GET /api/entities/{id}, /by-external-id/{externalId}, /by-tax-id/{taxId}', () => {
  const MARIA = {
    type: 'person',
    externalId: 'customer_12345',
    name: 'María González',
    countryCode: 'AR',
    taxId: '20-12345678-9',
    entityData: { person: { firstName: 'María', nationality: 'ar' } },
  };

  it('answers the entity as created, with nationality from entityData and no evaluation', async () => {
    const sb = sandbox();
    const created = (await gu1Call(sb, 'POST', '/api/entities', MARIA)).body.entity;
    const res = await gu1Call(sb, 'GET', `/api/entities/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
    expect(res.body).toMatchObject({
      organizationId: ORG,
      nationality: 'AR',
      currentEvaluation: null,
      riskScore: 0,
      riskFactors: [],
      deletedAt: null,
    });
  });

  it('answers the same entity by externalId and by taxId (formatting ignored)', async () => {
    const sb = sandbox();
    const created = (await gu1Call(sb, 'POST', '/api/entities', MARIA)).body.entity;
    for (const path of [
      '/api/entities/by-external-id/customer_12345',
      '/api/entities/by-tax-id/20-12345678-9',
      '/api/entities/by-tax-id/20123456789',
      '/api/entities/by-tax-id/20.12345678.9',
    ])
      expect((await gu1Call(sb, 'GET', path)).body).toEqual(created);
  });

  it('shows the KYC outcome once a validation is decided', async () => {
    const sb = sandbox();
    const { id, entityId } = await inReview(sb);
    await decide(sb, id, 'approve');
    expect((await gu1Call(sb, 'GET', `/api/entities/${entityId}`)).body).toMatchObject({
      kycVerified: true,
      kycProvider: 'Gu1 KYC',
      kycData: { validationId: id, status: 'approved' },
    });
  });

  it("answers 404 Entity Not Found for unknown ids, externalIds and taxIds, and for another organization's", async () => {
    const sb = sandbox();
    const theirs = (await gu1Call(sb, 'POST', '/api/entities', MARIA, THEM)).body.entity.id;
    for (const path of [
      `/api/entities/${theirs}`,
      '/api/entities/00000000-0000-4000-8000-000000000000',
      '/api/entities/by-external-id/customer_12345',
      '/api/entities/by-tax-id/20-12345678-9',
      '/api/entities/by-tax-id/---',
    ])
      expectError(await gu1Call(sb, 'GET', path), 404, 'ENTITY_NOT_FOUND', 'Entity Not Found');
  });
  it('answers a lookup gu1 does not document as any unknown path: 404 Route not found, before credentials', async () => {
    const sb = sandbox();
    await gu1Call(sb, 'POST', '/api/entities', MARIA);
    expectError(
      await gu1Call(sb, 'GET', '/api/entities/by-name/María González', undefined, {
        key: null,
        org: null,
      }),
      404,
      'NOT_FOUND',
      'Route not found',
    );
  });
});

describe('gu1 entity paths without /api (the API reference pages, option entityPaths)', () => {
  const person = { type: 'person', name: 'Ana', countryCode: 'AR', taxId: '27-1-1' };

  it('answers them as any unknown path by default: 404 Route not found, before credentials', async () => {
    const sb = sandbox();
    const id = await createEntity(sb);
    expectError(await gu1Call(sb, 'GET', `/entities/${id}`), 404, 'NOT_FOUND', 'Route not found');
    expectError(
      await gu1Call(sb, 'POST', '/entities', person, { key: null, org: null }),
      404,
      'NOT_FOUND',
      'Route not found',
    );
    expect(entities(sb)).toHaveLength(1);
  });

  it('answers them like /api/entities… with entityPaths=both', async () => {
    const sb = sandbox({ options: { gu1: { entityPaths: 'both' } } });
    const created = await gu1Call(sb, 'POST', '/entities', person, { key: KEY, org: null });
    expect(created.status).toBe(201);
    const id = created.body.entity.id;
    expect((await gu1Call(sb, 'GET', `/entities/${id}`)).body).toEqual(created.body.entity);
    expect((await gu1Call(sb, 'GET', '/entities/by-tax-id/2711')).body.id).toBe(id);
    expect((await gu1Call(sb, 'GET', `/api/entities/${id}`)).body.id).toBe(id);
    expectError(
      await gu1Call(sb, 'GET', '/entities/x', undefined, { key: null, org: null }),
      401,
      'UNAUTHORIZED',
      'Missing or invalid API key or organization context',
    );
  });
});
