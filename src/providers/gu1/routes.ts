// gu1's entity and KYC validation API as a Hono sub-app (paths as documented under api.gu1.ai).
import { Hono, type Context } from 'hono';
import { parseDuration, readFixture, type Kit, type ProviderEnv } from '../../engine/index.js';
import { createdView, entityView, validationView } from './details.js';
import { fail } from './errors.js';
import { guard } from './guard.js';
import { bodyFor, checkMetadata, listQuery } from './input.js';
import { normaliseTaxId, type Gu1Entity, type Gu1Status, type Gu1Validation } from './lifecycle.js';
import { mockOutcomeFor } from './sandbox-table.js';
import { ENTITIES, VALIDATIONS } from './store-names.js';
import { emit } from './webhooks.js';

const integrations = new Map(
  readFixture<{ code: string; provider: string }[]>('gu1', 'integrations.json').map((i) => [
    i.code,
    i,
  ]),
);

/** Which statuses make the current validation answer 404 (option currentExcludes, see README). */
const hiddenCurrent = (kit: Kit): readonly Gu1Status[] =>
  kit.options.currentExcludes === 'all-terminal'
    ? ['approved', 'rejected', 'expired', 'abandoned', 'cancelled']
    : ['expired', 'abandoned', 'cancelled'];

function entityFor(kit: Kit, id: string): Gu1Entity {
  // Another organization's entity is answered like an unknown one: organizations are isolated.
  const entity = kit.ns.get<Gu1Entity>(ENTITIES, id);
  if (!entity) throw fail('ENTITY_NOT_FOUND');
  return entity;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const objectOr = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function createEntity(c: Context<ProviderEnv>) {
  const { kit, orgId } = guard(c);
  const body = bodyFor(c, 'createEntity');
  const taxId = typeof body.taxId === 'string' ? body.taxId.trim() : null;
  const taxIdKey = taxId ? normaliseTaxId(taxId) || null : null;
  if (taxIdKey) {
    const existing = kit.ns.find<Gu1Entity>(ENTITIES, (e) => e.taxIdKey === taxIdKey);
    if (existing)
      throw fail('ENTITY_ALREADY_EXISTS', {
        vars: { taxId },
        details: { existingEntityId: existing.id },
      });
  }
  const now = kit.iso();
  const entity: Gu1Entity = {
    id: kit.ids.uuid('entity'),
    externalId: typeof body.externalId === 'string' ? body.externalId : null,
    organizationId: orgId,
    type: 'person',
    name: String(body.name).trim(),
    taxId,
    taxIdKey,
    countryCode: String(body.countryCode).toUpperCase(),
    riskScore: 0,
    riskFactors: [],
    status: typeof body.status === 'string' ? body.status : 'under_review',
    kycVerified: false,
    kycProvider: null,
    kycData: null,
    entityData: objectOr(body.entityData),
    attributes: objectOr(body.attributes),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  kit.ns.put(ENTITIES, entity.id, entity);
  return c.json({ success: true, entity: entityView(entity) }, 201);
}

function createValidation(c: Context<ProviderEnv>) {
  const { kit, orgId } = guard(c);
  const body = bodyFor(c, 'createKycValidation');
  checkMetadata(body.metadata);
  const integrationCode = String(body.integrationCode);
  const integration = integrations.get(integrationCode);
  if (!integration) throw fail('INTEGRATION_NOT_CONFIGURED', { vars: { integrationCode } });
  const entity = entityFor(kit, String(body.entityId));

  const now = kit.now();
  const outcome = mockOutcomeFor(entity.taxIdKey);
  const id = kit.ids.uuid('validation');
  const iso = kit.iso(now);
  const v: Gu1Validation = {
    id,
    seq: kit.ns.count(VALIDATIONS) + 1,
    entityId: entity.id,
    organizationId: orgId,
    integrationCode,
    // Test taxIds get no provider session (documented sandbox behaviour).
    sessionId: outcome ? null : `session_${kit.ids.token('session', 12)}`,
    status: 'pending',
    provider: integration.provider,
    providerSessionUrl: outcome ? null : kit.hostedUrl(id),
    isCurrent: true,
    expiresAt: kit.iso(now + parseDuration(kit.options.validationTtl)!),
    metadata: objectOr(body.metadata),
    webhookUrl: typeof body.webhookUrl === 'string' ? body.webhookUrl : null,
    doubleCheckRenaper: body.doubleCheckRenaper === true,
    omitWarnings: strings(body.omitWarnings),
    workflowId: typeof body.workflowId === 'string' ? body.workflowId : null,
    auto: outcome ? { outcome, dueAt: kit.iso(now + parseDuration(kit.options.mockDelay)!) } : null,
    manual: false,
    outcome: null,
    reason: null,
    completedAt: null,
    verifiedAt: null,
    createdAt: iso,
    updatedAt: iso,
  };
  // Only one validation is current per entity: the previous one flips to isCurrent:false.
  for (const prev of kit.ns.list<Gu1Validation>(VALIDATIONS)) {
    if (prev.entityId === entity.id && prev.isCurrent) {
      prev.isCurrent = false;
      prev.updatedAt = iso;
    }
  }
  kit.ns.put(VALIDATIONS, id, v);
  emit(kit, 'kyc.validation_created', v, iso);
  return c.json(createdView(v), 201);
}

export function gu1Routes() {
  return new Hono<ProviderEnv>()
    .post('/api/entities', createEntity)
    .post('/api/kyc/validations', createValidation)
    .get('/api/kyc/validations/:id', (c) => {
      const { kit } = guard(c);
      // Unknown and another organization's id get the same documented 404.
      const v = kit.ns.get<Gu1Validation>(VALIDATIONS, c.req.param('id'));
      if (!v) throw fail('VALIDATION_NOT_FOUND');
      return c.json(validationView(kit, v));
    })
    .get('/api/kyc/entities/:entityId/current', (c) => {
      const { kit } = guard(c);
      const entity = entityFor(kit, c.req.param('entityId'));
      const v = kit.ns.find<Gu1Validation>(
        VALIDATIONS,
        (x) => x.entityId === entity.id && x.isCurrent,
      );
      if (!v || hiddenCurrent(kit).includes(v.status)) throw fail('NO_CURRENT_VALIDATION');
      return c.json(validationView(kit, v));
    })
    .get('/api/kyc/entities/:entityId/validations', (c) => {
      const { kit } = guard(c);
      const q = listQuery(c);
      const entity = entityFor(kit, c.req.param('entityId'));
      const all = kit.ns
        .list<Gu1Validation>(VALIDATIONS)
        .filter(
          (v) =>
            v.entityId === entity.id &&
            (q.status === null || v.status === q.status) &&
            (q.isCurrent === null || v.isCurrent === q.isCurrent),
        )
        .sort((a, b) => b.seq - a.seq);
      const page = all.slice((q.page - 1) * q.limit, q.page * q.limit);
      return c.json({
        validations: page.map((v) => validationView(kit, v)),
        total: all.length,
        page: q.page,
        limit: q.limit,
      });
    });
}
