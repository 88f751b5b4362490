// Capa (docs.capa.fi): partner API v2 users, KYC/KYB verification links, details and webhooks.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { capaCredentials, KEY_HEADER } from './auth.js';
import { capaErrors, renderCapaError } from './errors.js';
import { capaRoutes } from './routes.js';
import { capaSessions } from './sessions.js';
import { capaStates } from './states.js';

export const capa = defineProvider({
  name: 'capa',
  title: 'Capa',
  clientBase: '',
  docs: 'https://docs.capa.fi',
  errors: capaErrors,
  renderError: renderCapaError,
  transport: {
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: 'INTERNAL_SERVER_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  },
  tenantOf: (headers) => headers.get(KEY_HEADER)?.trim() || undefined,
  credentials: capaCredentials,
  options: {
    envelope: {
      default: 'documented',
      choices: ['documented', 'success', 'status-ok'],
      description:
        'success envelope: as each page documents it ({success,data} on users/links, {status:"ok",data} on details), or one style everywhere',
    },
    linkStatus: {
      default: '201',
      choices: ['201', '200'],
      description:
        'HTTP status of a created verification link (undocumented; Create User documents 201)',
    },
    linkTtl: {
      default: '24h',
      type: 'duration',
      description: 'how long a verification link opens a flow (Capa documents no number)',
    },
  },
  magic: readFixture<MagicValue[]>('capa', 'magic.json'),
  sessions: capaSessions,
  routes: capaRoutes,
  states: capaStates,
});
