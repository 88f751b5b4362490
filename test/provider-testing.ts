// What each provider's testing.ts gives the cross-provider suites (`export const testing`), found
// by folder, so adding a provider edits no list in test/.
import type { Sandbox } from '../src/sandbox/types.js';

export interface ProviderTesting {
  /** Headers that authenticate a request as the provider's default tenant. */
  auth(sb: Sandbox): Promise<Record<string, string>>;
}
