// How the cross-provider suites find each registered provider's test helpers: every
// src/providers/<name>/testing.ts is loaded through Vite's import.meta.glob and keyed by its folder,
// so a provider added to the registry is covered without a list of names here.
/// <reference types="vite/client" />
import type { ProviderModule } from '../src/engine/index.js';
import type { Sandbox } from '../src/sandbox/index.js';
import type { ProviderTesting } from './provider-testing.js';

const modules = import.meta.glob<{ testing?: ProviderTesting }>('../src/providers/*/testing.ts', {
  eager: true,
});

const byFolder = new Map(
  Object.entries(modules).map(([path, mod]) => [path.split('/').at(-2)!, mod.testing]),
);

const missing = (name: string) =>
  new Error(
    `src/providers/${name}/testing.ts has no \`export const testing: ProviderTesting\` ` +
      `(test/provider-testing.ts): the cross-provider suites need it to authenticate as ${name}`,
  );

/** The providers of a list whose folder exports no `testing` (the registry's, by default). */
export const providersWithoutTesting = (list: readonly ProviderModule[]): string[] =>
  list.filter((p) => !byFolder.get(p.name)).map((p) => p.name);

/**
 * A provider's `testing` export, found by its folder. A provider without one gets helpers that
 * fail with a message naming the file to add, so each suite reports it rather than crashing.
 */
export function testingOf(name: string): ProviderTesting {
  return (
    byFolder.get(name) ?? {
      auth: () => Promise.reject(missing(name)),
    }
  );
}

/** Headers that authenticate as a registered provider's default tenant. */
export const authFor = (provider: string, sb: Sandbox): Promise<Record<string, string>> =>
  testingOf(provider).auth(sb);

/**
 * A registered provider's default tenant, as its requests name it: tenantOf over the default auth.
 * The first fixture credential is not always the tenant id (gu1's tenant is the organization,
 * Faceki's the client id inside its token), so a test naming a tenant to the admin API uses this.
 */
export async function defaultTenantOf(p: ProviderModule, sb: Sandbox): Promise<string> {
  const headers = new Headers(await authFor(p.name, sb));
  const tenant = p.tenantOf(headers, { path: '/', query: () => undefined });
  if (tenant === undefined) throw new Error(`${p.name}: its default auth names no tenant`);
  return tenant;
}
