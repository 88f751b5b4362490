// Kulipa (kulipa.readme.io): users, KYC initiation and export, webhook keys; x-api-key, rate limit,
// idempotency keys and ECDSA-signed webhooks. Client base URL: http://<host>/kulipa/v1.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { kulipaAdmin } from './admin.js';
import { kulipaCredentials, tenantOfHeaders } from './auth.js';
import { kulipaErrors, renderKulipaError } from './errors.js';
import { REQUEST_ID_HEADER } from './gate.js';
import { kulipaRoutes } from './routes.js';
import { kulipaSessions } from './sessions.js';
import { kulipaStates } from './states.js';

export const kulipa = defineProvider({
  name: 'kulipa',
  title: 'Kulipa',
  clientBase: '/v1',
  docs: 'https://kulipa.readme.io',
  errors: kulipaErrors,
  renderError: renderKulipaError,
  transport: {
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: 'INTERNAL_SERVER_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  },
  tenantOf: tenantOfHeaders,
  // Every answer, engine-rendered errors and scenarios included, carries a request id (the SDK logs it on 5xx).
  responseHeaders: (kit) => ({ [REQUEST_ID_HEADER]: kit.ids.uuid('request') }),
  credentials: kulipaCredentials,
  options: {
    rateLimit: {
      default: '300',
      type: 'int',
      description:
        'requests per minute per API key (the third-party SDK assumes 300; Kulipa documents no number)',
    },
    kycTtl: {
      default: '24h',
      type: 'duration',
      description:
        'how long a KYC webview stays open before the KYC reads as expired (undocumented upstream)',
    },
    lightKyc: {
      default: 'refuse',
      choices: ['refuse', 'allow'],
      description:
        'older docs list a light KYC type (not for EU/UK residents); the current enum does not',
    },
    initiateMethods: {
      default: 'put-and-post',
      choices: ['put-and-post', 'put'],
      description:
        'Initiate KYC: the guide shows PUT /v1/kycs, the reference page hides the method',
    },
    webhookBody: {
      default: 'event',
      choices: ['event', 'envelope'],
      description:
        'webhook body: {eventId, eventName, eventTargetId, userId} (webhook-events page) or {id, type, data, createdAt, updatedAt} (incomingwebhookevent page)',
    },
  },
  magic: readFixture<MagicValue[]>('kulipa', 'magic.json'),
  sessions: kulipaSessions,
  routes: kulipaRoutes,
  states: kulipaStates,
  admin: kulipaAdmin,
});
