// Baanx (docs.baanx.com): registration with its Veriff KYC session, onboarding polling, profile.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { baanxCredentials, tenantOf } from './accounts.js';
import { baanxAdmin } from './admin.js';
import { baanxAuth } from './auth.js';
import { baanxErrors, baanxTransport, renderBaanxError } from './errors.js';
import { baanxOptions } from './lifecycle.js';
import { baanxRoutes } from './routes.js';
import { baanxSessions } from './sessions.js';
import { baanxStates } from './states.js';

export const baanx = defineProvider({
  name: 'baanx',
  title: 'Baanx',
  clientBase: '',
  docs: 'https://docs.baanx.com',
  errors: baanxErrors,
  renderError: renderBaanxError,
  transport: baanxTransport,
  tenantOf,
  auth: baanxAuth,
  credentials: baanxCredentials,
  options: baanxOptions,
  magic: readFixture<MagicValue[]>('baanx', 'magic.json'),
  sessions: baanxSessions,
  routes: baanxRoutes,
  states: baanxStates,
  admin: baanxAdmin,
});
