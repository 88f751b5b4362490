// Faceki (docs.faceki.com Blaze 3.0, kycdocv2.faceki.com V2): tokens, KYC links, records, webhooks.
import { defineProvider, readFixture, transportKeys, type MagicValue } from '../../engine/index.js';
import { facekiCredentials } from './accounts.js';
import { facekiAdmin } from './admin.js';
import { facekiAuth, facekiTenantOf } from './auth.js';
import { facekiErrors, renderFacekiError } from './errors.js';
import { facekiOptions } from './records.js';
import { facekiRoutes } from './routes.js';
import { facekiSessions } from './sessions.js';
import { facekiStates } from './states.js';

export const faceki = defineProvider({
  name: 'faceki',
  title: 'Faceki',
  clientBase: '',
  docs: 'https://docs.faceki.com',
  errors: facekiErrors,
  renderError: renderFacekiError,
  // An unknown path is Faceki's code 1 "Invalid URL" (errors.ts keeps that key).
  transport: { ...transportKeys('INTERNAL_SYSTEM_ERROR'), 404: 'INVALID_URL' },
  tenantOf: facekiTenantOf,
  auth: facekiAuth,
  credentials: facekiCredentials,
  options: facekiOptions,
  magic: readFixture<MagicValue[]>('faceki', 'magic.json'),
  sessions: facekiSessions,
  routes: facekiRoutes,
  states: facekiStates,
  admin: facekiAdmin,
});
