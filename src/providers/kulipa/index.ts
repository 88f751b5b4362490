// Kulipa (kulipa.readme.io): users, KYCs, webhook keys; client base URL http://<host>/kulipa/v1.
import { defineProvider, readFixture, transportKeys, type MagicValue } from '../../engine/index.js';
import { kulipaAdmin } from './admin.js';
import { kulipaAuth, kulipaCredentials, kulipaSelfService, tenantOfHeaders } from './auth.js';
import { kulipaErrors, renderKulipaError } from './errors.js';
import { kulipaOptions } from './lifecycle.js';
import { kulipaNotEmulated } from './not-emulated.js';
import { kulipaRoutes } from './routes.js';
import { kulipaSessions } from './sessions.js';
import { kulipaStates } from './states.js';
import { kulipaWebhooks } from './triggers.js';

export const kulipa = defineProvider({
  name: 'kulipa',
  title: 'Kulipa',
  clientBase: '/v1',
  docs: 'https://kulipa.readme.io',
  // Secret-bearing fields in Kulipa's bodies: webhook secrets and the signing key material.
  secrets: ['secret', 'privateKey'],
  errors: kulipaErrors,
  renderError: renderKulipaError,
  transport: transportKeys('INTERNAL_SERVER_ERROR'),
  tenantOf: tenantOfHeaders,
  auth: kulipaAuth,
  // Every answer, engine-rendered errors and scenarios included, carries a request id (the SDK logs it on 5xx).
  responseHeaders: (kit) => ({ 'x-request-id': kit.ids.uuid('request') }),
  credentials: kulipaCredentials,
  selfService: kulipaSelfService,
  options: kulipaOptions,
  magic: readFixture<MagicValue[]>('kulipa', 'magic.json'),
  sessions: kulipaSessions,
  routes: kulipaRoutes,
  states: kulipaStates,
  admin: kulipaAdmin,
  webhooks: kulipaWebhooks,
  notEmulated: kulipaNotEmulated,
});
