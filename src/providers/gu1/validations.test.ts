// Behaviour of creating and reading KYC validations.
import { describe, expect, it } from 'vitest';
import {
  createEntity,
  createValidation,
  expectError,
  getValidation,
  gu1Call,
  move,
  ORG,
  sandbox,
  started,
  THEM,
} from './testing.js';

const validations = (sb: ReturnType<typeof sandbox>) =>
  sb.snapshot({ provider: 'gu1', tenant: ORG })[`gu1:${ORG}`]?.validations ?? [];

describe('gu1 POST /api/kyc/validations', () => {
  it('answers 201 pending with a hosted providerSessionUrl, expiresAt 7 days out and isCurrent true', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const res = await createValidation(sb, entityId, {
      metadata: { userId: 'user_12345', source: 'mobile_app' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      entityId,
      organizationId: ORG,
      sessionId: expect.stringMatching(/^session_[0-9a-f]{24}$/),
      status: 'pending',
      provider: 'Gu1 KYC',
      providerSessionUrl: `http://sandbox.test/verify/gu1/${res.body.id}`,
      isCurrent: true,
      expiresAt: '2025-01-08T00:00:00.000Z',
      metadata: { userId: 'user_12345', source: 'mobile_app' },
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('sets expiresAt 30 days out with validationTtl=30d', async () => {
    const sb = sandbox({ options: { gu1: { validationTtl: '30d' } } });
    const { created } = await started(sb);
    expect(created.expiresAt).toBe('2025-01-31T00:00:00.000Z');
  });

  it("flips the entity's previous current validation to isCurrent:false", async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const first = (await createValidation(sb, entityId)).body.id;
    const second = (await createValidation(sb, entityId)).body.id;
    expect((await getValidation(sb, first)).body.isCurrent).toBe(false);
    expect((await getValidation(sb, second)).body.isCurrent).toBe(true);
    expect((await gu1Call(sb, 'GET', `/api/kyc/entities/${entityId}/current`)).body.id).toBe(
      second,
    );
  });

  it('accepts metadata of exactly 10 KB and answers 400 METADATA_TOO_LARGE above, storing nothing', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    const fits = { note: 'x'.repeat(10 * 1024 - 11) }; // {"note":"…"} is 11 bytes of JSON around the text
    expect((await createValidation(sb, entityId, { metadata: fits })).status).toBe(201);
    const res = await createValidation(sb, entityId, {
      metadata: { note: 'x'.repeat(10 * 1024 - 10) },
    });
    expectError(
      res,
      400,
      'METADATA_TOO_LARGE',
      'metadata must be at most 10 KB of JSON (10241 bytes sent)',
    );
    expect(validations(sb)).toHaveLength(1);
  });

  it('measures metadata in UTF-8 bytes (multi-byte characters count more)', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    expectError(
      await createValidation(sb, entityId, { metadata: { note: 'ñ'.repeat(6000) } }),
      400,
      'METADATA_TOO_LARGE',
      'metadata must be at most 10 KB of JSON (12011 bytes sent)',
    );
  });

  it("answers 404 ENTITY_NOT_FOUND for an unknown entity and for another organization's entity", async () => {
    const sb = sandbox();
    expectError(
      await createValidation(sb, '00000000-0000-4000-8000-000000000000'),
      404,
      'ENTITY_NOT_FOUND',
      'Entity Not Found',
    );
    const theirs = await createEntity(sb, {}, THEM);
    expectError(await createValidation(sb, theirs), 404, 'ENTITY_NOT_FOUND', 'Entity Not Found');
    expect(validations(sb)).toEqual([]);
  });

  it('answers 400 INTEGRATION_NOT_CONFIGURED for an unknown integrationCode', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    expectError(
      await createValidation(sb, entityId, { integrationCode: 'ar_renaper_only' }),
      400,
      'INTEGRATION_NOT_CONFIGURED',
      'Integration ar_renaper_only is not configured for this organization',
    );
  });

  it.each([
    ['entityId missing', { entityId: undefined }],
    ['integrationCode empty', { integrationCode: '' }],
    ['webhookUrl not http(s)', { webhookUrl: 'ftp://hooks.example' }],
    ['metadata not an object', { metadata: 'text' }],
    ['doubleCheckRenaper not boolean', { doubleCheckRenaper: 'yes' }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_label, body) => {
    const sb = sandbox();
    const entityId = await createEntity(sb);
    expectError(
      await createValidation(sb, entityId, body),
      400,
      'VALIDATION_ERROR',
      'Validation failed',
    );
    expect(validations(sb)).toEqual([]);
  });
});

describe('gu1 GET /api/kyc/validations/{id}', () => {
  it('answers every documented field, empty until the validation is completed', async () => {
    const sb = sandbox();
    const { id, entityId, created } = await started(sb);
    const res = await getValidation(sb, id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      entityId,
      organizationId: ORG,
      validationSessionId: created.sessionId,
      status: 'pending',
      provider: 'Gu1 KYC',
      providerSessionUrl: created.providerSessionUrl,
      decision: null,
      documentsVerified: [],
      biometricResult: null,
      riskAssessment: null,
      verifiedFields: [],
      extractedData: null,
      warnings: [],
      isCurrent: true,
      expiresAt: created.expiresAt,
      verifiedAt: null,
      metadata: {},
      createdAt: created.createdAt,
      updatedAt: created.updatedAt,
    });
  });

  it('fills the verification results with fake data once approved, from the entity where it can', async () => {
    const sb = sandbox();
    const entityId = await createEntity(sb, {
      name: 'Ana Pérez',
      taxId: '27-11222333-4',
      entityData: { person: { firstName: 'Ana', lastName: 'Pérez' } },
    });
    const id = (await createValidation(sb, entityId)).body.id;
    await move(sb, id, 'in_progress');
    await move(sb, id, 'approved');
    const v = (await getValidation(sb, id)).body;
    expect(v).toMatchObject({
      status: 'approved',
      decision: {
        status: 'Approved',
        features: ['id_verification', 'liveness', 'face_match'],
        warnings: [],
      },
      extractedData: { firstName: 'Ana', lastName: 'Pérez', documentNumber: '27-11222333-4' },
      verifiedFields: expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth']),
      riskAssessment: { level: 'low' },
      warnings: [],
      verifiedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(v.documentsVerified[0]).toMatchObject({ number: '27-11222333-4', status: 'verified' });
    expect(v.biometricResult.faceMatch.status).toBe('passed');
  });

  it('drops warnings listed in omitWarnings', async () => {
    const sb = sandbox();
    const { id } = await started(sb, undefined, { omitWarnings: ['DOCUMENT_EXPIRED'] });
    await move(sb, id, 'in_progress');
    await move(sb, id, 'rejected');
    expect((await getValidation(sb, id)).body.warnings).toEqual(['LOW_FACE_MATCH_SIMILARITY']);
  });

  it('gives the same bytes for the same seed and different data for another seed', async () => {
    const read = async (seed: string) => {
      const sb = sandbox({ seed });
      const id = (
        await createValidation(
          sb,
          await createEntity(sb, { name: 'Ana Pérez', taxId: '27-11222333-4' }),
        )
      ).body.id;
      await move(sb, id, 'in_progress');
      await move(sb, id, 'approved');
      return (await getValidation(sb, id)).text;
    };
    const [a, b, c] = [await read('s1'), await read('s1'), await read('s2')];
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('answers 404 "Validation Not Found" for an unknown id', async () => {
    expectError(
      await getValidation(sandbox(), 'does-not-exist'),
      404,
      'VALIDATION_NOT_FOUND',
      'Validation Not Found',
    );
  });
});
