// Webhook deliveries on a durable backend. Each is kept as a row of its tenant, written soon after an
// attempt changes it (a change inside a request goes with that request's commit). On shared state a
// delivery is owned by the instance that queued it, which alone attempts it (so each attempt is made
// once); once a second every instance catches up with the others and takes over, under the tenant's
// lock, the pending deliveries of instances that are gone (killed, or stopped before a retry).
import { tenantKey, type DeliveryLedger, type WebhookQueue } from '../engine/index.js';
import { refOf } from './apply.js';
import type { Changes } from './changes.js';
import { DELIVERIES } from './codec.js';
import type { Gate } from './gate.js';
import type { Coordinated } from './redis.js';

/** A unit of work with nothing to answer (a catch-up, a background commit). */
const answered = () => new Response(null);
const SOON_MS = 5;
const WATCH_MS = 1000;

export class KeptDeliveries {
  readonly ledger: DeliveryLedger;
  private queue: WebhookQueue | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private watcher: NodeJS.Timeout | undefined;
  private watching = false;
  /** Work started outside any request (a background commit, a watch round): close() waits for it. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly changes: Changes,
    /** Commits what changed (file:; on redis: an empty unit of work does, under a lock). */
    private readonly commit: () => Promise<unknown>,
    private readonly shared?: { gate: Gate; backend: Coordinated },
  ) {
    this.ledger = {
      owner: shared?.backend.origin,
      changed: (ref, id, saved) => {
        this.changes.delivery(tenantKey(ref), DELIVERIES, id, saved);
        this.soon();
      },
    };
  }

  start(queue: WebhookQueue) {
    this.queue = queue;
    if (this.shared) this.watcher = setInterval(() => this.track(this.watch()), WATCH_MS).unref();
  }

  /** Commits soon what attempts changed (inside a unit, its own commit has taken it by then). */
  private soon() {
    if (this.soonTimer || this.changes.muted) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      // A failed commit: the next unit reads everything again.
      if (this.changes.idle) return;
      const { shared } = this;
      this.track(shared ? shared.gate.tenant('~', answered, answered) : this.commit());
    }, SOON_MS);
  }

  private track(p: Promise<unknown>) {
    const settled = p.catch(() => undefined).finally(() => this.background.delete(settled));
    this.background.add(settled);
  }

  private async watch() {
    const { gate, backend } = this.shared!;
    if (this.watching) return;
    this.watching = true;
    try {
      await gate.tenant('~', answered, answered);
      const owners = this.queue!.foreignOwners();
      if (owners.size === 0) return;
      const alive = await backend.alive([...owners.keys()].filter(Boolean));
      for (const [owner, keys] of owners) {
        if (alive.has(owner)) continue;
        const adopt = (key: string) => () => (this.queue!.adopt(refOf(key), owner), answered());
        for (const key of keys) await gate.tenant(key, adopt(key), answered);
      }
    } catch {
      // the backend is unreachable: the next round tries again
    } finally {
      this.watching = false;
    }
  }

  async close() {
    clearInterval(this.watcher);
    clearTimeout(this.soonTimer);
    await Promise.all(this.background);
  }
}
