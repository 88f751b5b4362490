// Baanx (docs.baanx.com): registration with its Veriff KYC session, onboarding polling, profile.
import { defineProvider, readFixture, type MagicValue } from '../../engine/index.js';
import { baanxCredentials, baanxSelfService, tenantOf } from './accounts.js';
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
  // Secret-bearing fields: passwords, the email/SMS/OTP codes, and the access token answered.
  secrets: ['password', 'verificationCode', 'otpCode', 'accessToken'],
  errors: baanxErrors,
  renderError: renderBaanxError,
  transport: baanxTransport,
  tenantOf,
  auth: baanxAuth,
  credentials: baanxCredentials,
  selfService: baanxSelfService,
  options: baanxOptions,
  magic: readFixture<MagicValue[]>('baanx', 'magic.json'),
  sessions: baanxSessions,
  routes: baanxRoutes,
  states: baanxStates,
  admin: baanxAdmin,
  notEmulated: [
    {
      method: 'GET',
      path: '/v1/auth/oauth/authorize/initiate',
      reason:
        'docs.baanx.com/api-reference/auth/oauth-* give PKCE and a 10-minute session, but not how the person authenticates between initiate and authorize in API mode (the hosted UI is not described), nor the error bodies',
    },
    {
      method: 'POST',
      path: '/v1/auth/oauth/authorize',
      reason:
        'the answer {url, code, state} is documented; the request body (which session, which user credentials) and the errors are not',
    },
    {
      method: 'POST',
      path: '/v1/auth/oauth/token',
      reason:
        'both grants and the answer {access_token, expires_in: 21600, refresh_token, refresh_token_expires_in: 15897600} are documented, but a refresh token comes only from the authorize step above, and neither rotation on use nor the error bodies (bad code_verifier, expired or unknown refresh token) are documented',
    },
  ],
});
