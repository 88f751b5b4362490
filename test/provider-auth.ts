// How the cross-provider suites authenticate as each provider's default tenant.
import type { Sandbox } from '../src/sandbox.js';
import { KEY as CAPA_KEY } from '../src/providers/capa/testing.js';

const AUTH: Record<string, (sb: Sandbox) => Promise<Record<string, string>>> = {
  capa: async () => ({ 'partner-api-key': CAPA_KEY }),
};

export function authFor(provider: string, sb: Sandbox): Promise<Record<string, string>> {
  const auth = AUTH[provider];
  if (!auth) throw new Error(`test/provider-auth.ts has no credentials for ${provider}`);
  return auth(sb);
}
