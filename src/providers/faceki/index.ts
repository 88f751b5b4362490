// Faceki (docs.faceki.com Blaze 3.0, kycdocv2.faceki.com V2): tokens, KYC links, records, webhooks.
import { defineProvider, readFixture, transportKeys, type MagicValue } from '../../engine/index.js';
import { facekiCredentials, facekiSelfService } from './accounts.js';
import { facekiAdmin } from './admin.js';
import { facekiAuth, facekiTenantOf } from './auth.js';
import { facekiErrors, renderFacekiError } from './errors.js';
import { facekiOptions } from './records.js';
import { facekiRoutes } from './routes.js';
import { facekiSessions } from './sessions.js';
import { facekiStates } from './states.js';
import { facekiWebhooks } from './triggers.js';

export const faceki = defineProvider({
  name: 'faceki',
  title: 'Faceki',
  clientBase: '',
  docs: 'https://docs.faceki.com',
  // Real clients upload document photos and selfies of several MB.
  bodyLimit: 10 * 1024 * 1024,
  // Secret-bearing fields: the client secret (token query and body) and the JWT answered.
  secrets: ['clientSecret', 'client_secret', 'access_token', 'token'],
  errors: facekiErrors,
  renderError: renderFacekiError,
  // An unknown path is Faceki's code 1 "Invalid URL" (errors.ts keeps that key).
  transport: { ...transportKeys('INTERNAL_SYSTEM_ERROR'), 404: 'INVALID_URL' },
  tenantOf: facekiTenantOf,
  auth: facekiAuth,
  credentials: facekiCredentials,
  selfService: facekiSelfService,
  options: facekiOptions,
  magic: readFixture<MagicValue[]>('faceki', 'magic.json'),
  sessions: facekiSessions,
  routes: facekiRoutes,
  states: facekiStates,
  admin: facekiAdmin,
  webhooks: facekiWebhooks,
  notEmulated: [
    {
      method: 'GET',
      path: '/api/v3/workflows/rules',
      reason:
        "seen only in Faceki's SDKs (before a direct verification, ?workflowId=); no docs page gives its answer or errors",
    },
    {
      method: 'GET',
      path: '/api/v3/workflows/rulesbylink',
      reason:
        "the hosted flow's own call (faceki/blaze-android-sdk FaceKiApi.kt, ?link=); undocumented, and the sandbox's hosted page stands in for it",
    },
    {
      method: 'POST',
      path: '/api/v3/kyc_verification/requestbylink',
      reason:
        "the hosted flow's own submission (faceki/blaze-android-sdk FaceKiApi.kt); undocumented, and the sandbox's hosted page stands in for it",
    },
    {
      method: '?',
      path: 'Fetch PDF Report',
      reason:
        'listed in the Blaze 3.0 navigation; its method, path, parameters and answer are not given in the pages the sandbox was written from',
    },
  ],
});
