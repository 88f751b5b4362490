// Tenants as a whole: listing them with their clocks, a provider's tenants for its admin hooks,
// the snapshot, and reset (everything, a provider's or one tenant's state, clock, journal,
// webhooks and faults).
import {
  inFilter,
  SandboxError,
  selectsAll,
  tenantKey,
  type Clock,
  type FaultRules,
  type Journal,
  type ProviderModule,
  type Store,
  type TenantFilter,
  type WebhookQueue,
} from '../engine/index.js';
import { currentPrincipal, scopeFilter } from './access.js';
import type { Kits } from './kits.js';
import type { Sandbox } from './types.js';

export interface TenantDeps {
  provider(name: string): ProviderModule;
  store: Store;
  clock: Clock;
  kits: Kits;
  journal: Journal;
  queue: WebhookQueue;
  rules: FaultRules;
}

type TenantApi = Pick<
  Sandbox,
  'filter' | 'caller' | 'kit' | 'tenants' | 'tenantsOf' | 'snapshot' | 'reset'
>;

export function createTenants(deps: TenantDeps): TenantApi {
  const { store, clock, kits } = deps;
  return {
    filter(input) {
      const provider =
        input.provider === undefined ? undefined : deps.provider(String(input.provider)).name;
      const tenant = input.tenant === undefined ? undefined : String(input.tenant);
      if (tenant !== undefined && provider === undefined)
        throw new SandboxError(400, 'tenant_needs_provider', 'A tenant is named together with its provider', 'add "provider": "<name>"');
      return scopeFilter(currentPrincipal(), { provider, tenant });
    },
    caller: currentPrincipal,
    kit: kits.of,
    tenants: (provider) =>
      store.tenants(provider).map((t) => ({ ...t, now: new Date(clock.now(tenantKey(t))).toISOString() })),
    // A provider's admin hooks reach only the calling tenant when a tenant credential calls.
    tenantsOf: (provider) => ({
      kit: (tenant) => {
        scopeFilter(currentPrincipal(), { provider, tenant });
        return kits.of(provider, tenant);
      },
      owning(id) {
        const tenant = store.ownerOf(provider, id);
        if (tenant === undefined || !inFilter(scopeFilter(currentPrincipal(), {}), { provider, tenant })) return undefined;
        return kits.of(provider, tenant);
      },
    }),
    snapshot: (filter) => store.snapshot(filter),
    reset(filter: TenantFilter = {}) {
      store.reset(filter);
      deps.journal.reset(filter);
      deps.queue.reset(filter);
      kits.forget(filter);
      if (selectsAll(filter)) {
        deps.rules.delete();
        clock.reset();
        return;
      }
      // The rules made for what is reset go with it (a provider's: all of them; a tenant's: its own).
      for (const r of deps.rules.list(filter))
        if (filter.tenant === undefined || r.tenant === filter.tenant) deps.rules.delete(r.id);
      for (const key of Object.keys(clock.offsets().tenants)) {
        const at = key.indexOf(':');
        if (inFilter(filter, { provider: key.slice(0, at), tenant: key.slice(at + 1) })) clock.reset(key);
      }
    },
  }; // prettier-ignore
}
