// Time: advance or set a tenant's clock (or every tenant's), then let each affected tenant apply
// what fell due (provider.settle) and deliver the webhooks that caused. The same from code, the
// admin API and the dashboard.
import {
  inFilter,
  SandboxError,
  tenantKey,
  type Clock,
  type ProviderModule,
  type Store,
  type TenantRef,
} from '../engine/index.js';
import type { Kits } from './kits.js';
import type { TimeService } from './types.js';

export interface TimeDeps {
  clock: Clock;
  providers: readonly ProviderModule[];
  store: Store;
  kits: Kits;
  flush(): Promise<void>;
}

export function createTime(deps: TimeDeps): TimeService {
  const { clock } = deps;
  const keyOf = (ref?: TenantRef) => (ref ? tenantKey(ref) : undefined);

  async function settle(ref?: TenantRef) {
    const filter = ref ?? {};
    for (const p of deps.providers) {
      if (!p.settle) continue;
      for (const t of deps.store.tenants(p.name))
        if (inFilter(filter, t)) p.settle(deps.kits.of(p.name, t.tenant));
    }
    await deps.flush();
  }

  return {
    now: (ref) => clock.now(keyOf(ref)),
    async advance(ms, ref) {
      clock.advance(ms, keyOf(ref));
      await settle(ref);
    },
    async set(epochMs, ref) {
      if (epochMs < clock.now(keyOf(ref)))
        throw new SandboxError(
          400,
          'clock_backwards',
          'The clock only moves forward',
          'reset the tenant to start over',
        );
      clock.set(epochMs, keyOf(ref));
      await settle(ref);
    },
    offsets: () => clock.offsets(),
  };
}
