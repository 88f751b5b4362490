// The redis: backend (ioredis, loaded on first use): state many instances share. Each unit of work
// takes a lock in Redis — its tenant's for a vendor call, the whole sandbox's for the control plane
// and the pages — reads the commits other instances logged since it last looked, and commits what
// it changed with a log entry, atomically (redis-scripts.ts). docs/decisions/007-state-backends.md.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import type { Backend, Health, Snapshot } from './backend.js';
import type { Batch } from './changes.js';
import { rowKey, type GlobalMeta, type TenantMeta } from './codec.js';
import { fromPayload, toPayload } from './payload.js';
import { ACQUIRE, COMMIT, RENEW } from './redis-scripts.js';

const LOCK_TTL_MS = 5000;
const WAIT_MS = 10_000;
const LOG_KEPT = 100_000;
const GLOBAL = '*global*';
/** How long an instance counts as running after its last mark (it marks every third of this). */
const ALIVE_MS = 5000;

/** What other instances committed since this one last looked; reload: too much to catch up. */
export type CatchUp = { reload: true } | { reload: false; batches: Batch[] };

/** A backend whose units of work take a lock and catch up first (Redis). */
export interface Coordinated {
  /** This instance's name among those sharing the state. */
  readonly origin: string;
  enter(scope: string): Promise<CatchUp>;
  leave(scope: string, batch: Batch | undefined): Promise<void>;
  /** Which of these instances are running (each renews its mark while it runs). */
  alive(origins: string[]): Promise<Set<string>>;
}

type Script = (...args: (string | number)[]) => Promise<unknown>;
/** The client with the scripts defined on it (defineCommand), on the client and its pipelines. */
type Client = RedisClient & { kycAcquire: Script; kycRenew: Script; kycCommit: Script };
type Ctor = new (url: string, options: RedisOptions) => Client;

declare module 'ioredis' {
  interface ChainableCommander {
    kycAcquire(...args: (string | number)[]): ChainableCommander;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RedisBackend implements Backend, Coordinated {
  readonly kind = 'redis';
  readonly where: string;
  private readonly redis: Client;
  readonly origin = randomUUID();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly k: (name: string) => string;
  private cursor = '0-0';
  private version = 0;
  private readonly tokens = new Map<string, { token: string; renew: NodeJS.Timeout }>();
  private ready: Promise<void>;

  /** `?prefix=name:` keeps several sandboxes apart in one Redis database (default kyc-sandbox:). */
  constructor(spec: string) {
    this.where = spec.replace(/\/\/[^@/]*@/, '//***@');
    const [url, query] = spec.split('?', 2) as [string, string | undefined];
    const prefix = new URLSearchParams(query ?? '').get('prefix') ?? 'kyc-sandbox:';
    const mod = createRequire(import.meta.url)('ioredis') as { default: Ctor };
    this.redis = new mod.default(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: () => 250,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // reported by health and by the failed calls
    // Sent once, then called by their SHA (EVALSHA), in pipelines too.
    this.redis.defineCommand('kycAcquire', { numberOfKeys: 4, lua: ACQUIRE });
    this.redis.defineCommand('kycRenew', { numberOfKeys: 2, lua: RENEW });
    this.redis.defineCommand('kycCommit', { numberOfKeys: 6, lua: COMMIT });
    this.k = (name) => `${prefix}${name}`;
    this.ready = this.redis.connect();
    this.ready.catch(() => undefined);
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), ALIVE_MS / 3).unref();
  }

  /** Marks this instance as running for ALIVE_MS: its deliveries are taken over once the mark lapses. */
  private beat() {
    this.ready
      .then(() => this.redis.set(this.k(`alive:${this.origin}`), '1', 'PX', ALIVE_MS))
      .catch(() => undefined);
  }

  async alive(origins: string[]) {
    if (origins.length === 0) return new Set<string>();
    const p = this.redis.pipeline();
    for (const o of origins) p.exists(this.k(`alive:${o}`));
    const out = (await p.exec()) ?? [];
    return new Set(origins.filter((_, i) => out[i]?.[1] === 1));
  }

  private async connected() {
    if (this.redis.status === 'ready') return;
    await this.ready.catch(() => undefined);
    const status = this.redis.status as string;
    if (status === 'ready') return;
    if (status === 'end' || status === 'wait') {
      this.ready = this.redis.connect();
      this.ready.catch(() => undefined);
    }
    throw new Error(`Redis at ${this.where} is not reachable (${status})`);
  }

  async load(): Promise<Snapshot> {
    await this.ready;
    const r = this.redis;
    const last = await r.xrevrange(this.k('log'), '+', '-', 'COUNT', 1);
    this.cursor = last[0]?.[0] ?? '0-0';
    this.version = Number((await r.get(this.k('version'))) ?? 0);
    if (last[0]) this.version = Number(fieldOf(last[0][1], 'v'));
    const tenants = await r.smembers(this.k('tenants'));
    const p = r.pipeline();
    for (const t of tenants) p.hgetall(this.k(`rows:${t}`));
    const hashes = ((await p.exec()) ?? []).map(([, h]) => h as Record<string, string>);
    const meta = await r.hgetall(this.k('meta'));
    const rows: [string, string][] = [];
    tenants.forEach((t, i) => {
      for (const [field, value] of Object.entries(hashes[i] ?? {})) {
        const at = field.indexOf('\u0001');
        rows.push([rowKey(t, field.slice(0, at), field.slice(at + 1)), value]);
      }
    });
    const metas: [string, TenantMeta][] = Object.entries(meta)
      .filter(([key]) => key !== GLOBAL)
      .map(([key, text]) => [key, JSON.parse(text) as TenantMeta]);
    const global = meta[GLOBAL] ? (JSON.parse(meta[GLOBAL]) as GlobalMeta) : undefined;
    return { rows, tenants: metas, global };
  }

  /** Takes the scope's lock (a tenant key, or '*'), then reads what was committed since. */
  async enter(scope: string): Promise<CatchUp> {
    await this.connected();
    const token = randomUUID();
    const until = Date.now() + WAIT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      const [[err, got], [, entries]] = (await this.redis
        .pipeline()
        .kycAcquire(...this.lockKeys(scope), token, LOCK_TTL_MS, scope === '*' ? 'global' : 'tenant', scope)
        .xrange(this.k('log'), `(${this.cursor}`, '+', 'COUNT', 1000)
        .exec())!; // prettier-ignore
      if (err) throw err;
      if (got === 1) {
        this.hold(scope, token);
        return this.catchUp(entries as [string, string[]][]);
      }
      if (Date.now() > until) throw new Error(`the state lock of ${scope} stayed busy`);
      await sleep(wait * (0.5 + Math.random()));
    }
  }

  private lockKeys(scope: string) {
    const lock = scope === '*' ? this.k('lock:*') : this.k(`lock:${scope}`);
    return [lock, this.k('held'), this.k('lock:*'), this.k('intent')];
  }

  /** Keeps a lock alive while its unit runs (a latency scenario may take a minute). */
  private hold(scope: string, token: string) {
    const [lock, held] = this.lockKeys(scope);
    const renew = setInterval(() => {
      this.redis.kycRenew(lock!, held!, token, LOCK_TTL_MS, scope).catch(() => undefined);
    }, LOCK_TTL_MS / 3).unref();
    this.tokens.set(scope, { token, renew });
  }

  private async catchUp(first: [string, string[]][]): Promise<CatchUp> {
    const batches: Batch[] = [];
    let entries = first;
    for (;;) {
      for (const [id, fields] of entries) {
        const v = Number(fieldOf(fields, 'v'));
        // Read from the same cursor by another unit of this instance, which applied it first.
        if (v <= this.version) continue;
        if (v !== this.version + 1) return this.lost(id, v);
        this.cursor = id;
        this.version = v;
        if (fieldOf(fields, 'o') !== this.origin) batches.push(fromPayload(fieldOf(fields, 'b')));
      }
      if (entries.length < 1000) return { reload: false, batches };
      entries = (await this.redis.xrange(this.k('log'), `(${this.cursor}`, '+', 'COUNT', 1000)) as [
        string,
        string[],
      ][];
    }
  }

  /** The log no longer holds every commit since this instance looked: it reads everything again. */
  private lost(id: string, v: number): CatchUp {
    this.cursor = id;
    this.version = v;
    return { reload: true };
  }

  /** Commits a batch (if any) with its log entry and lets the scope's lock go. */
  async leave(scope: string, batch: Batch | undefined) {
    const held = this.tokens.get(scope);
    if (!held) throw new Error(`no state lock held for ${scope}`);
    this.tokens.delete(scope);
    clearInterval(held.renew);
    const [lock, heldKey] = this.lockKeys(scope);
    const keys = [
      lock!,
      heldKey!,
      this.k('log'),
      this.k('version'),
      this.k('meta'),
      this.k('tenants'),
    ];
    const payload = batch ? toPayload(batch) : '';
    await this.redis.kycCommit(
      ...keys,
      held.token,
      scope,
      this.origin,
      payload,
      '1',
      LOG_KEPT,
      this.k(''),
    );
  }

  /** A commit outside a unit of work (at close): under the whole sandbox's lock. */
  async write(batch: Batch) {
    await this.enter('*');
    await this.leave('*', batch);
  }

  async health(): Promise<Health> {
    try {
      await this.connected();
      await this.redis.ping();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async close() {
    for (const { renew } of this.tokens.values()) clearInterval(renew);
    clearInterval(this.heartbeat);
    // Stopped, not killed: the others take its deliveries over at once.
    await this.redis.del(this.k(`alive:${this.origin}`)).catch(() => undefined);
    this.redis.disconnect();
  }
}

function fieldOf(fields: string[], name: string): string {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1]!;
  return '';
}
