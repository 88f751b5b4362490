// Time: advance or set a tenant's clock (or every tenant's), then let each affected tenant apply
// what fell due (provider.settle), drop what retention no longer keeps, and start the webhook
// attempts that fell due (in the background: a clock move never waits on a receiver). The same
// from code, the admin API and the dashboard.
import {
  inFilter,
  SandboxError,
  tenantKey,
  type Clock,
  type ProviderModule,
  type Store,
  type TenantFilter,
  type TenantRef,
} from '../engine/index.js';
import type { Kits } from './kits.js';
import type { TimeService } from './types.js';

/** The last instant a JavaScript Date holds (±8.64e15 ms around the epoch). */
const LAST_INSTANT = 8.64e15;

export interface TimeDeps {
  clock: Clock;
  providers: readonly ProviderModule[];
  store: Store;
  kits: Kits;
  /** After a move: sweeps what retention drops and starts the due attempts of the tenants moved. */
  moved(filter: TenantFilter): void;
}

export function createTime(deps: TimeDeps): TimeService {
  const { clock } = deps;
  const keyOf = (ref?: TenantRef) => (ref ? tenantKey(ref) : undefined);

  function settle(ref?: TenantRef) {
    const filter = ref ?? {};
    for (const p of deps.providers) {
      if (!p.settle) continue;
      for (const t of deps.store.tenants(p.name))
        if (inFilter(filter, t)) p.settle(deps.kits.of(p.name, t.tenant));
    }
    deps.moved(filter);
  }

  /** Refuses an instant a Date cannot hold, before anything moves. */
  const inRange = (epochMs: number) => {
    if (!(Math.abs(epochMs) <= LAST_INSTANT))
      throw new SandboxError(
        400,
        'clock_out_of_range',
        'That would move the clock past the last instant a date can hold (+275760-09-13)',
        'move it by years, not millennia: e.g. "3650d"',
      );
  };

  return {
    now: (ref) => clock.now(keyOf(ref)),
    async advance(ms, ref) {
      if (!(ms >= 0))
        throw new SandboxError(
          400,
          'bad_duration',
          'The clock only moves forward',
          'a duration such as "90s", "15m", "24h", "7d"',
        );
      // Every tenant's clock moves with the global one: the furthest of them decides.
      const tenants = Object.keys(clock.offsets().tenants);
      const furthest = ref
        ? clock.now(keyOf(ref))
        : Math.max(clock.now(), ...tenants.map((k) => clock.now(k)));
      inRange(furthest + ms);
      clock.advance(ms, keyOf(ref));
      settle(ref);
    },
    async set(epochMs, ref) {
      inRange(epochMs);
      if (epochMs < clock.now(keyOf(ref)))
        throw new SandboxError(
          400,
          'clock_backwards',
          'The clock only moves forward',
          'reset the tenant to start over',
        );
      clock.set(epochMs, keyOf(ref));
      settle(ref);
    },
    offsets: () => clock.offsets(),
  };
}
