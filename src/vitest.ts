// `kyc-sandbox/vitest`: a vitest `test` whose tests each get a fresh tenant (a credential no other
// test uses) on one in-process sandbox shared by the worker's tests. Nothing listens; requests go
// through `sb.app.request()`, or through `sb.listen(0)` for a client that needs a URL.
import { test as base } from 'vitest';
import { createSandbox } from './sandbox/index.js';
import type { Sandbox, SandboxOptions, TenantHandle } from './sandbox/types.js';

export interface SandboxTestOptions {
  /** The provider whose tenant each test gets. */
  provider: string;
  /**
   * A credential of that provider from a number unique on the sandbox (1, 2, …): a self-service key
   * the provider's README documents, e.g. `(n) => \`capa_test_suite_${String(n).padStart(14, '0')}\``.
   */
  credential(n: number): string;
  /** The shared sandbox's options (default: a frozen clock, every response checked against its contract). */
  sandbox?: SandboxOptions;
}

export interface SandboxFixtures {
  /** This test's own tenant: its credential is `tenant.tenant`. */
  tenant: TenantHandle;
}

export interface SandboxWorkerFixtures {
  /** The sandbox every test of this worker shares. */
  sb: Sandbox;
}

/** `const test = sandboxTest({ provider: 'capa', credential: (n) => … })`, then `test('…', async ({ sb, tenant }) => …)`. */
export function sandboxTest(options: SandboxTestOptions) {
  let n = 0;
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
      const tenant = sb.tenant(options.provider, options.credential(++n));
      await use(tenant);
      tenant.reset();
    },
  });
}

export type { Sandbox, SandboxOptions, TenantHandle } from './sandbox/types.js';
