// The sandbox's state backend, wired: with --state memory nothing changes; with file: and redis: the
// store reports what requests touch (createStore's observer), the clock and fault rules note their
// changes, kits resume their id streams, webhook deliveries are kept, and the state is read back before the first request.
import {
  createFaultRules,
  type Clock,
  type FaultRules,
  type Store,
  type TenantFilter,
  type WebhookQueue,
} from '../engine/index.js';
import type { PipelineDeps } from '../runtime/pipeline.js';
import type { Durable } from '../state/index.js';

export interface StateParts {
  clock: Clock;
  rules: FaultRules;
  unit: PipelineDeps['unit'];
}

/** `forget`: kits to make again when another instance reset tenants or issued their ids. */
export function withState(
  durable: Durable | undefined,
  { store, clock, queue }: { store: Store; clock: Clock; queue: WebhookQueue },
  forget: (filter: TenantFilter) => void,
): StateParts {
  if (!durable) return { clock, rules: createFaultRules(), unit: undefined };
  const saved = durable.start(store, clock, forget, queue);
  return {
    clock: durable.watchClock(clock),
    rules: durable.watchFaults(createFaultRules(saved)),
    unit: durable.unit,
  };
}
