// gu1's entity and KYC validation API as a Hono sub-app (paths as documented under api.gu1.ai).
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { organizationOf } from './auth.js';
import { fail } from './errors.js';
import {
  checkMetadata,
  integrationFor,
  listQuery,
  reasonOf,
  syncBody,
  validateBody,
} from './input.js';
import { hiddenCurrent, optionsOf } from './lifecycle.js';
import {
  currentValidationOf,
  entityWithExternalId,
  entityWithTaxIdKey,
  normaliseTaxId,
  requireEntity,
  requireValidation,
  validationsOfEntity,
} from './records.js';
import {
  addEntity,
  cancelValidation,
  decideValidation,
  openValidation,
  syncValidation,
} from './transitions.js';
import { createdView, entityView, listView, statusView, validationView } from './views.js';

// Every route runs after gu1's auth stage (index.ts): the credentials are checked, the rate token
// taken and what fell due settled before a handler reads anything.

type Ctx<P extends string> = Context<ProviderEnv, P>;

function createEntity(c: Context<ProviderEnv>) {
  const body = validateBody(c);
  const entity = addEntity(c.get('kit'), organizationOf(c), body);
  return reply(c, { success: true, entity: entityView(entity) }, 201);
}

// Entity reads (entities/get, person/get): the bare entity object, 404 Entity Not Found for an
// unknown one or another organization's.
function getEntity(c: Ctx<'/:id'>) {
  return reply(c, entityView(requireEntity(c.get('kit'), c.req.param('id'))));
}

// GET …/entities/by-external-id/{externalId} and …/by-tax-id/{taxId} (person/get): the same object.
// By externalId exact; by taxId "must match the entity's stored tax ID", compared as duplicates are
// (letters and digits only).
function findByExternalId(c: Ctx<'/by-external-id/:externalId'>) {
  const entity = entityWithExternalId(c.get('kit'), c.req.param('externalId'));
  if (!entity) throw fail('ENTITY_NOT_FOUND');
  return reply(c, entityView(entity));
}

function findByTaxId(c: Ctx<'/by-tax-id/:taxId'>) {
  const key = normaliseTaxId(c.req.param('taxId'));
  const entity = key ? entityWithTaxIdKey(c.get('kit'), key) : undefined;
  if (!entity) throw fail('ENTITY_NOT_FOUND');
  return reply(c, entityView(entity));
}

function createValidation(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = validateBody(c);
  checkMetadata(body.metadata);
  const integration = integrationFor(kit, String(body.integrationCode));
  const entity = requireEntity(kit, String(body.entityId));
  const v = openValidation(kit, organizationOf(c), entity, integration, body);
  return reply(c, createdView(v), 201);
}

function getValidation(c: Ctx<'/api/kyc/validations/:id'>) {
  const kit = c.get('kit');
  return reply(c, validationView(kit, requireValidation(kit, c.req.param('id'))));
}

function syncOne(c: Ctx<'/api/kyc/validations/:id/sync'>) {
  const kit = c.get('kit');
  syncBody(c); // `force` changes nothing here: the sandbox's provider is never behind (README)
  const v = syncValidation(kit, requireValidation(kit, c.req.param('id')));
  return reply(c, validationView(kit, v));
}

function cancelOne(c: Ctx<'/api/kyc/validations/:id/cancel'>) {
  const kit = c.get('kit');
  const reason = reasonOf(c);
  const v = cancelValidation(kit, requireValidation(kit, c.req.param('id')), reason);
  return reply(c, validationView(kit, v));
}

const decide = (to: 'approved' | 'rejected') => (c: Ctx<'/api/kyc/validations/:id/approve'>) => {
  const kit = c.get('kit');
  const reason = reasonOf(c);
  const v = decideValidation(kit, requireValidation(kit, c.req.param('id')), to, reason);
  return reply(c, validationView(kit, v));
};

function currentValidation(c: Ctx<'/api/kyc/entities/:entityId/current'>) {
  const kit = c.get('kit');
  const entity = requireEntity(kit, c.req.param('entityId'));
  const v = currentValidationOf(kit, entity.id);
  if (!v || hiddenCurrent(optionsOf(kit)).includes(v.status)) throw fail('NO_CURRENT_VALIDATION');
  return reply(c, validationView(kit, v));
}

function entityStatus(c: Ctx<'/api/kyc/entities/:entityId/status'>) {
  const kit = c.get('kit');
  const entity = requireEntity(kit, c.req.param('entityId'));
  return reply(c, statusView(kit, entity.id, validationsOfEntity(kit, entity.id)));
}

/** Newest first, by creation order (`seq`), which a frozen clock cannot tie. */
function listValidations(c: Ctx<'/api/kyc/entities/:entityId/validations'>) {
  const kit = c.get('kit');
  const q = listQuery(c);
  const entity = requireEntity(kit, c.req.param('entityId'));
  const all = validationsOfEntity(kit, entity.id).filter(
    (v) =>
      (q.status === null || v.status === q.status) &&
      (q.isCurrent === null || v.isCurrent === q.isCurrent),
  );
  return reply(c, listView(kit, all, q.page, q.limit));
}

/** The entity paths under a prefix: /api (the KYC guide) and none (the API reference, option entityPaths). */
const entityRoutes = () =>
  new Hono<ProviderEnv>()
    .post('/', createEntity)
    .get('/by-external-id/:externalId', findByExternalId)
    .get('/by-tax-id/:taxId', findByTaxId)
    .get('/:id', getEntity);

export function gu1Routes() {
  return new Hono<ProviderEnv>()
    .route('/api/entities', entityRoutes())
    .route('/entities', entityRoutes())
    .post('/api/kyc/validations', createValidation)
    .get('/api/kyc/validations/:id', getValidation)
    .post('/api/kyc/validations/:id/sync', syncOne)
    .delete('/api/kyc/validations/:id/cancel', cancelOne)
    .post('/api/kyc/validations/:id/approve', decide('approved'))
    .post('/api/kyc/validations/:id/reject', decide('rejected'))
    .get('/api/kyc/entities/:entityId/current', currentValidation)
    .get('/api/kyc/entities/:entityId/status', entityStatus)
    .get('/api/kyc/entities/:entityId/validations', listValidations);
}
