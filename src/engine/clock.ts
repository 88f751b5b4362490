// Virtual time: a base source (real or frozen) plus a global and a per-tenant offset.
// Vendor code reads kit.now(); expiry is computed from timestamps on read, never by timers.

export type ClockMode = 'real' | 'frozen';

export interface Clock {
  /** Milliseconds since the epoch as the given tenant sees it (no tenant: the global view). */
  now(tenant?: string): number;
  /** Moves a tenant's clock (or every tenant's, when tenant is omitted) forward by ms. */
  advance(ms: number, tenant?: string): void;
  /** Sets a tenant's clock (or the global clock) to an absolute instant. */
  set(epochMs: number, tenant?: string): void;
  /** Drops offsets: one tenant's, or all of them. */
  reset(tenant?: string): void;
  offsets(): { global: number; tenants: Record<string, number> };
}

export interface ClockOptions {
  mode?: ClockMode;
  /** Start instant of a frozen clock (default 2025-01-01T00:00:00Z). */
  start?: number;
  /** Real time source, injectable for tests. */
  source?: () => number;
}

export const DEFAULT_FROZEN_START = Date.UTC(2025, 0, 1);

export function createClock(opts: ClockOptions = {}): Clock {
  const mode = opts.mode ?? 'real';
  const start = opts.start ?? DEFAULT_FROZEN_START;
  const source = opts.source ?? Date.now;
  const base = mode === 'frozen' ? () => start : source;
  let global = 0;
  const tenants = new Map<string, number>();

  const now = (tenant?: string) => base() + global + (tenant ? (tenants.get(tenant) ?? 0) : 0);
  return {
    now,
    advance(ms, tenant) {
      if (tenant === undefined) global += ms;
      else tenants.set(tenant, (tenants.get(tenant) ?? 0) + ms);
    },
    set(epochMs, tenant) {
      if (tenant === undefined) global = epochMs - base();
      else tenants.set(tenant, epochMs - base() - global);
    },
    reset(tenant) {
      if (tenant === undefined) {
        global = 0;
        tenants.clear();
      } else tenants.delete(tenant);
    },
    offsets: () => ({ global, tenants: Object.fromEntries(tenants) }),
  };
}
