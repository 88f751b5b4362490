// gu1 (docs.gu1.ai): person entities, session-based KYC validations, signed webhooks, a rate limit.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { gu1Admin } from './admin.js';
import { gu1Auth, gu1Credentials, gu1SelfService, tenantOf } from './auth.js';
import { gu1Errors, gu1Transport, renderGu1Error } from './errors.js';
import { gu1Options } from './lifecycle.js';
import { gu1Routes } from './routes.js';
import { gu1Sessions } from './sessions.js';
import { gu1States } from './states.js';
import { settle } from './transitions.js';
import { gu1Webhooks } from './triggers.js';

export const gu1 = defineProvider({
  name: 'gu1',
  title: 'gu1',
  clientBase: '',
  docs: 'https://docs.gu1.ai',
  // Secret-bearing fields in gu1's bodies: the organization's webhook secret.
  secrets: ['secret'],
  errors: gu1Errors,
  renderError: renderGu1Error,
  transport: gu1Transport,
  tenantOf,
  // Credentials, rate limit, then settling what fell due: before every route (auth.ts says why).
  auth: gu1Auth,
  // Automatic sandbox outcomes and expiry webhooks fall due on the clock: applied as soon as it moves.
  settle,
  credentials: gu1Credentials,
  selfService: gu1SelfService,
  options: gu1Options,
  magic: readFixture<MagicValue[]>('gu1', 'magic.json'),
  sessions: gu1Sessions,
  routes: gu1Routes,
  states: gu1States,
  admin: gu1Admin,
  webhooks: gu1Webhooks,
  notEmulated: [
    {
      method: 'GET',
      path: '/entities',
      reason:
        'entities/list gives the filters (type, country, taxId, externalId), the {entities: […]} answer and "at most 100 per request", but no way to read past the first 100 (no page, offset or cursor parameter), no order, and not whether the filters match exactly or in part',
    },
  ],
});
