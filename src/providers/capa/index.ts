// Capa (docs.capa.fi): partner API v2 users, KYC/KYB verification links, details and webhooks.
import { defineProvider, readFixture, transportKeys, type MagicValue } from '../../engine/index.js';
import { capaAuth, capaCredentials, KEY_HEADER } from './auth.js';
import { capaErrors, renderCapaError } from './errors.js';
import { capaOptions } from './lifecycle.js';
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
  transport: transportKeys('INTERNAL_SERVER_ERROR'),
  tenantOf: (headers) => headers.get(KEY_HEADER)?.trim() || undefined,
  auth: capaAuth,
  credentials: capaCredentials,
  options: capaOptions,
  magic: readFixture<MagicValue[]>('capa', 'magic.json'),
  sessions: capaSessions,
  routes: capaRoutes,
  states: capaStates,
});
