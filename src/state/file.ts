// The file: backend, LMDB through the `lmdb` package (prebuilt binaries; loaded on first use, so a
// memory sandbox never loads it). Two named databases: rows (key → codec value) and meta (a tenant's
// ids and clock offset, and the global clock and fault rules). A commit is one LMDB write
// transaction: lmdb-js groups the writes issued in one turn of the event loop and resolves their
// promises once the transaction is committed, so every request answered in that turn waits for one
// commit (a group commit). Committed pages are in the OS's page cache before the promise resolves:
// a killed process (SIGKILL included) loses nothing it acknowledged. noSync skips the fsync, so a
// machine crash may lose the last commits (docs/decisions/007-state-backends.md).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as LmdbModule from 'lmdb';
import type { Database, RootDatabase } from 'lmdb';
import { inFilter, selectsAll, type TenantFilter } from '../engine/index.js';
import type { Backend, Snapshot } from './backend.js';
import type { Batch } from './changes.js';
import { rowKey, tenantRange, type GlobalMeta, type TenantMeta } from './codec.js';

const GLOBAL = '\u0000global';

type Lmdb = typeof LmdbModule;

const b = (text: string) => Buffer.from(text, 'utf8');

export function fileBackend(dir: string): Backend {
  mkdirSync(dir, { recursive: true });
  const lmdb = createRequire(import.meta.url)('lmdb') as Lmdb;
  return new FileBackend(dir, lmdb.open({ path: dir, noSync: true, maxDbs: 4 }));
}

class FileBackend implements Backend {
  readonly kind = 'file';
  readonly where: string;
  private readonly rows: Database<string, Buffer>;
  private readonly meta: Database<unknown, Buffer>;

  constructor(
    dir: string,
    private readonly root: RootDatabase,
  ) {
    this.where = `file:${dir}`;
    // Keys as bytes: the default key encoding reads control characters (the codec's separator) as
    // the boundaries of an array key.
    const keys = { keyEncoding: 'binary' } as const;
    this.rows = root.openDB({ name: 'rows', encoding: 'string', ...keys });
    this.meta = root.openDB({ name: 'meta', encoding: 'json', ...keys });
  }

  load(): Snapshot {
    const tenants: [string, TenantMeta][] = [];
    for (const { key, value } of this.meta.getRange()) {
      const text = key.toString('utf8');
      if (text !== GLOBAL) tenants.push([text, value as TenantMeta]);
    }
    const rows = this.rows;
    return {
      rows: (function* () {
        for (const { key, value } of rows.getRange())
          yield [key.toString('utf8'), value] as [string, string];
      })(),
      tenants,
      global: this.meta.get(b(GLOBAL)) as GlobalMeta | undefined,
    };
  }

  write(batch: Batch): Promise<void> {
    const { rows, meta } = this;
    return this.root.transaction(() => {
      for (const filter of batch.resets) this.removeTenants(filter);
      for (const r of batch.rows) {
        const key = b(rowKey(r.tenant, r.collection, r.id));
        if (r.value === null) rows.removeSync(key);
        else rows.putSync(key, r.value);
      }
      for (const [key, m] of batch.tenants) {
        if (m === null) meta.removeSync(b(key));
        else meta.putSync(b(key), m);
      }
      if (batch.global) meta.putSync(b(GLOBAL), batch.global);
    }) as Promise<unknown> as Promise<void>;
  }

  /** Drops the rows and metadata of the tenants a filter selects. */
  private removeTenants(filter: TenantFilter) {
    const { rows, meta } = this;
    if (selectsAll(filter)) {
      rows.clearSync();
      meta.clearSync();
      return;
    }
    const provider = { start: `${filter.provider}:`, end: `${filter.provider};` };
    const range =
      filter.tenant === undefined ? provider : tenantRange(`${filter.provider}:${filter.tenant}`);
    for (const key of rows.getKeys({ start: b(range.start), end: b(range.end) }))
      rows.removeSync(key);
    for (const key of meta.getKeys({ start: b(provider.start), end: b(provider.end) })) {
      const text = key.toString('utf8');
      const at = text.indexOf(':');
      if (inFilter(filter, { provider: text.slice(0, at), tenant: text.slice(at + 1) }))
        meta.removeSync(key);
    }
  }

  async health() {
    return { ok: true };
  }

  async close() {
    await this.root.close();
  }
}
