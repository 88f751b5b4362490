// gu1's entity and KYC validation API as a Hono sub-app (paths as documented under api.gu1.ai).
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { organizationOf } from './auth.js';
import { fail } from './errors.js';
import { checkMetadata, integrationFor, listQuery, validateBody } from './input.js';
import { hiddenCurrent, optionsOf } from './lifecycle.js';
import { currentValidationOf, requireEntity, requireValidation, validationsOf } from './records.js';
import { addEntity, openValidation } from './transitions.js';
import { createdView, entityView, listView, validationView } from './views.js';

// Every route runs after gu1's auth stage (index.ts): the credentials are checked, the rate token
// taken and what fell due settled before a handler reads anything.

function createEntity(c: Context<ProviderEnv>) {
  const body = validateBody(c);
  const entity = addEntity(c.get('kit'), organizationOf(c), body);
  return reply(c, { success: true, entity: entityView(entity) }, 201);
}

function createValidation(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const body = validateBody(c);
  checkMetadata(body.metadata);
  const integration = integrationFor(String(body.integrationCode));
  const entity = requireEntity(kit, String(body.entityId));
  const v = openValidation(kit, organizationOf(c), entity, integration, body);
  return reply(c, createdView(v), 201);
}

function getValidation(c: Context<ProviderEnv, '/api/kyc/validations/:id'>) {
  const kit = c.get('kit');
  return reply(c, validationView(kit, requireValidation(kit, c.req.param('id'))));
}

function currentValidation(c: Context<ProviderEnv, '/api/kyc/entities/:entityId/current'>) {
  const kit = c.get('kit');
  const entity = requireEntity(kit, c.req.param('entityId'));
  const v = currentValidationOf(kit, entity.id);
  if (!v || hiddenCurrent(optionsOf(kit)).includes(v.status)) throw fail('NO_CURRENT_VALIDATION');
  return reply(c, validationView(kit, v));
}

/** Newest first, by creation order (`seq`), which a frozen clock cannot tie. */
function listValidations(c: Context<ProviderEnv, '/api/kyc/entities/:entityId/validations'>) {
  const kit = c.get('kit');
  const q = listQuery(c);
  const entity = requireEntity(kit, c.req.param('entityId'));
  const all = validationsOf(kit)
    .filter(
      (v) =>
        v.entityId === entity.id &&
        (q.status === null || v.status === q.status) &&
        (q.isCurrent === null || v.isCurrent === q.isCurrent),
    )
    .sort((a, b) => b.seq - a.seq);
  return reply(c, listView(kit, all, q.page, q.limit));
}

export function gu1Routes() {
  return new Hono<ProviderEnv>()
    .post('/api/entities', createEntity)
    .post('/api/kyc/validations', createValidation)
    .get('/api/kyc/validations/:id', getValidation)
    .get('/api/kyc/entities/:entityId/current', currentValidation)
    .get('/api/kyc/entities/:entityId/validations', listValidations);
}
