// `kyc-sandbox/vitest`: a vitest `test` whose tests each get a fresh tenant (a credential no other
// test uses) on one in-process sandbox shared by the worker's tests. Nothing listens; requests go
// through `sb.app.request()`, or through `sb.listen(0)` for a client that needs a URL.
import { test as base } from 'vitest';
import { SandboxError, type SelfServiceCredential } from './engine/index.js';
import { createSandbox } from './sandbox/index.js';
import type { Sandbox, SandboxOptions, TenantHandle } from './sandbox/types.js';

export interface SandboxTestOptions {
  /** The provider whose tenant each test gets. */
  provider: string;
  /**
   * Optional: a credential of that provider from a number unique on the sandbox (1, 2, …). By
   * default each test gets a fresh self-service credential by the provider's own rule (its README's
   * "self-service"). A string names the tenant (`credentials` is then `{}`: you know what to send);
   * `{ tenant, credentials }` names both.
   */
  credential?(n: number): string | SelfServiceCredential;
  /** The shared sandbox's options (default: a frozen clock, every response checked against its contract). */
  sandbox?: SandboxOptions;
}

export interface SandboxFixtures {
  /** This test's own tenant: its credential is `tenant.tenant`. */
  tenant: TenantHandle;
  /**
   * What this test's client sends, under the vendor's own names: headers for Capa
   * (`partner-api-key`), Kulipa (`x-api-key`), gu1 (`authorization` and `x-organization-id`) and
   * Baanx (`x-client-key`); Faceki's `clientId` and `clientSecret` for its token endpoint.
   */
  credentials: Readonly<Record<string, string>>;
}

export interface SandboxWorkerFixtures {
  /** The sandbox every test of this worker shares. */
  sb: Sandbox;
}

/** The n-th test's credential: the caller's, or the provider's self-service rule. */
function credentialFor(sb: Sandbox, options: SandboxTestOptions, n: number) {
  if (options.credential) {
    const given = options.credential(n);
    return typeof given === 'string' ? { tenant: given, credentials: {} } : given;
  }
  const p = sb.provider(options.provider);
  if (!p.selfService)
    throw new SandboxError(
      400,
      'no_self_service',
      `${p.name} has no self-service credentials`,
      'give sandboxTest a credential(n)',
    );
  return p.selfService(`vitest${String(n).padStart(4, '0')}`);
}

/** `const test = sandboxTest({ provider: 'capa' })`, then `test('…', async ({ sb, tenant, credentials }) => …)`. */
export function sandboxTest(options: SandboxTestOptions) {
  let n = 0;
  /** Each test's credentials, by its tenant handle. */
  const sent = new WeakMap<TenantHandle, Readonly<Record<string, string>>>();
  return base.extend<SandboxFixtures & SandboxWorkerFixtures>({
    sb: [
      // vitest reads the fixture's first parameter as a destructuring: a worker fixture uses none.
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const sb = createSandbox({
          clock: { mode: 'frozen' },
          validateResponses: true,
          ...options.sandbox,
        });
        sb.provider(options.provider);
        await use(sb);
        await sb.close();
      },
      { scope: 'worker' },
    ],
    tenant: async ({ sb }, use) => {
      const issued = credentialFor(sb, options, ++n);
      const tenant = sb.tenant(options.provider, issued.tenant);
      sent.set(tenant, issued.credentials);
      await use(tenant);
      tenant.reset();
    },
    credentials: async ({ tenant }, use) => use(sent.get(tenant)!),
  });
}

export type { Sandbox, SandboxOptions, TenantHandle } from './sandbox/types.js';
export type { SelfServiceCredential } from './engine/index.js';
