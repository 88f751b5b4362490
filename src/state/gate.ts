// Units of work on a shared backend, inside one instance: a tenant's vendor calls run one after
// another under its lock, as many as queued up while the previous commit was under way (one lock,
// one catch-up and one commit for the lot); a control-plane call runs alone, under the whole
// sandbox's lock. Commits leave the instance in order, so an answer never overtakes the commit of
// what it saw.
import type { Coordinated, CatchUp } from './redis.js';
import type { Batch } from './changes.js';

type Answer = Response | Promise<Response>;

interface Work {
  run: () => Answer;
  fail: (err: unknown) => Answer;
  done: (res: Answer) => void;
}

export interface GateDeps {
  /** Applies what other instances committed (or reads everything again). */
  catchUp(c: CatchUp): Promise<void>;
  /** What this instance's units changed since the last take. */
  take(): Batch | undefined;
  /** A commit failed: local state may be ahead of the backend; read it all again next time. */
  diverged(): void;
}

export class Gate {
  private readonly queues = new Map<string, Work[]>();
  private readonly running = new Set<string>();
  private readonly waitingGlobal: (() => void)[] = [];
  private globalRunning = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly backend: Coordinated,
    private readonly deps: GateDeps,
  ) {}

  /** A vendor call of one tenant. */
  tenant(scope: string, run: () => Answer, fail: (err: unknown) => Answer): Promise<Response> {
    return new Promise<Response>((resolve) => {
      let queue = this.queues.get(scope);
      if (!queue) this.queues.set(scope, (queue = []));
      queue.push({ run, fail, done: (res) => resolve(res) });
      this.kick(scope);
    });
  }

  private kick(scope: string) {
    if (this.running.has(scope) || this.globalRunning || this.waitingGlobal.length > 0) return;
    if (!this.queues.get(scope)?.length) return;
    this.running.add(scope);
    void this.drain(scope);
  }

  private async drain(scope: string) {
    const queue = this.queues.get(scope)!;
    while (queue.length > 0 && this.waitingGlobal.length === 0) {
      const works = queue.splice(0);
      try {
        await this.enter(scope);
      } catch (err) {
        for (const w of works) w.done(w.fail(err));
        continue;
      }
      const outs: Response[] = [];
      for (const w of works) outs.push(await w.run());
      try {
        await this.leave(scope);
        works.forEach((w, i) => w.done(outs[i]!));
      } catch (err) {
        for (const w of works) w.done(w.fail(err));
      }
    }
    if (queue.length === 0) this.queues.delete(scope);
    this.running.delete(scope);
    this.next();
  }

  /** A control-plane call or a page: alone in this instance, under the whole sandbox's lock. */
  async global<T>(run: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waitingGlobal.push(resolve);
      this.next();
    });
    try {
      await this.enter('*');
      let out: T;
      try {
        out = await run();
      } catch (err) {
        await this.leave('*').catch(() => undefined);
        throw err;
      }
      await this.leave('*');
      return out;
    } finally {
      this.globalRunning = false;
      this.next();
    }
  }

  /** What runs next: a waiting control-plane call once no tenant runs, else every queued tenant. */
  private next() {
    if (this.globalRunning) return;
    if (this.waitingGlobal.length > 0) {
      if (this.running.size > 0) return;
      this.globalRunning = true;
      this.waitingGlobal.shift()!();
      return;
    }
    for (const scope of this.queues.keys()) this.kick(scope);
  }

  private async enter(scope: string) {
    const c = await this.backend.enter(scope);
    try {
      await this.deps.catchUp(c);
    } catch (err) {
      await this.backend.leave(scope, undefined).catch(() => undefined);
      throw err;
    }
  }

  private leave(scope: string): Promise<void> {
    const batch = this.deps.take();
    const done = this.chain.then(() => this.backend.leave(scope, batch));
    this.chain = done.catch(() => undefined);
    return done.catch((err: unknown) => {
      this.deps.diverged();
      throw err;
    });
  }
}
