// Faceki (docs.faceki.com Blaze 3.0, kycdocv2.faceki.com V2): tokens, KYC links, records, webhooks.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { facekiAdmin } from './admin.js';
import { facekiTenantOf } from './auth.js';
import { facekiCredentials, VARIANTS } from './clients.js';
import { facekiErrors, renderFacekiError } from './errors.js';
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
  transport: {
    404: 'INVALID_URL',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: 'INTERNAL_SYSTEM_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  },
  tenantOf: facekiTenantOf,
  credentials: facekiCredentials,
  options: {
    defaultVariant: {
      default: 'v2',
      choices: VARIANTS,
      description:
        'link request shape for clients whose fixture names no variant (and faceki_test_ self-service ids): v2 (expiryTime a string, no workflowId) or blaze3 (expiryTime a number, workflowId required)',
    },
    defaultExpiryMinutes: {
      default: '60',
      type: 'int',
      description:
        'link lifetime in minutes when expiryTime is absent or 0 (Faceki documents no default)',
    },
    tokenTtl: {
      default: '1h',
      type: 'duration',
      description: 'access token lifetime (documented 3600 s; the V2 page also says 5 minutes)',
    },
    applicationIdReuse: {
      default: 'allow',
      choices: ['allow', 'reject'],
      description:
        'a second link with a used applicationId: allowed, or 5002 INVALID_MISSING_REQUEST_FIELDS (undocumented)',
    },
  },
  magic: readFixture<MagicValue[]>('faceki', 'magic.json'),
  sessions: facekiSessions,
  routes: facekiRoutes,
  states: facekiStates,
  admin: facekiAdmin,
});
