// How the cross-provider suites authenticate as each provider's default tenant.
import type { Sandbox } from '../src/sandbox/index.js';
import { KEY as BAANX_KEY } from '../src/providers/baanx/testing.js';
import { KEY as CAPA_KEY } from '../src/providers/capa/testing.js';
import { tokenFor } from '../src/providers/faceki/testing.js';
import { KEY as GU1_KEY, ORG as GU1_ORG } from '../src/providers/gu1/testing.js';
import { KEY as KULIPA_KEY } from '../src/providers/kulipa/testing.js';

const AUTH: Record<string, (sb: Sandbox) => Promise<Record<string, string>>> = {
  capa: async () => ({ 'partner-api-key': CAPA_KEY }),
  kulipa: async () => ({ 'x-api-key': KULIPA_KEY }),
  faceki: async (sb) => ({ authorization: `Bearer ${await tokenFor(sb)}` }),
  gu1: async () => ({ authorization: `Bearer ${GU1_KEY}`, 'x-organization-id': GU1_ORG }),
  baanx: async () => ({ 'x-client-key': BAANX_KEY }),
};

export function authFor(provider: string, sb: Sandbox): Promise<Record<string, string>> {
  const auth = AUTH[provider];
  if (!auth) throw new Error(`test/provider-auth.ts has no credentials for ${provider}`);
  return auth(sb);
}
