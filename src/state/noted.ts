// The clock and the fault rules as a durable sandbox hands them out: the same calls, each change
// noted (`moved`, `changed`) so the next commit writes it.
import type { Clock, FaultRules } from '../engine/index.js';

/** The clock, with every move noted: a tenant's key, or undefined for the global offset. */
export function notedClock(clock: Clock, moved: (tenant: string | undefined) => void): Clock {
  return {
    now: (tenant) => clock.now(tenant),
    offsets: () => clock.offsets(),
    advance(ms, tenant) {
      clock.advance(ms, tenant);
      moved(tenant);
    },
    set(epochMs, tenant) {
      clock.set(epochMs, tenant);
      moved(tenant);
    },
    reset: (tenant) => {
      if (tenant === undefined) for (const key of Object.keys(clock.offsets().tenants)) moved(key);
      clock.reset(tenant);
      moved(tenant);
    },
  };
}

/**
 * The fault rules, with every change (a rule added, deleted or used) noted. `now()` reads the rules
 * in force: another instance's rules replace them.
 */
export function notedFaults(now: () => FaultRules, noted: () => void): FaultRules {
  const changed = <T>(out: T) => {
    noted();
    return out;
  };
  return {
    add: (rule) => changed(now().add(rule)),
    list: (filter) => now().list(filter),
    delete: (id) => changed(now().delete(id)),
    take: (provider, tenant, operation, random) => {
      const rule = now().take(provider, tenant, operation, random);
      return rule ? changed(rule) : rule;
    },
    takeWebhook: (provider, tenant, event, random) => {
      const rule = now().takeWebhook(provider, tenant, event, random);
      return rule ? changed(rule) : rule;
    },
    saved: () => now().saved(),
  };
}
