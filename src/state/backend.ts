// What a durable backend does: read everything back at start, apply a commit's writes, say whether
// it is reachable. The memory backend has none of this (the sandbox then keeps no Durable at all).
import type { Batch } from './changes.js';
import type { GlobalMeta, TenantMeta } from './codec.js';

/** Everything a backend holds, as read at start. */
export interface Snapshot {
  /** Row key → stored value (codec.ts). */
  rows: Iterable<[string, string]>;
  tenants: Iterable<[string, TenantMeta]>;
  global: GlobalMeta | undefined;
}

export interface Health {
  ok: boolean;
  /** Why not, when not. */
  detail?: string;
}

export interface Backend {
  readonly kind: 'file' | 'redis';
  /** Where the state lives, as health shows it. */
  readonly where: string;
  load(): Snapshot | Promise<Snapshot>;
  /** Resolves once the batch is committed: what it holds survives the process being killed. */
  write(batch: Batch): Promise<void>;
  health(): Promise<Health>;
  close(): Promise<void>;
}
