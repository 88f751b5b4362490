// The app's router: Hono's RegExpRouter, which matches a request with one regular expression over
// every route. Built on the first request, that expression costs a sandbox with every provider
// (~100 routes) ~10 ms, most of a cold start's first answer. The build prepares it for the routes a
// default sandbox registers (scripts/prepare-router.mjs → dist/router-params.cjs); a sandbox that
// registers exactly those paths starts from it (Hono's PreparedRegExpRouter places each handler in
// the prepared matcher), any other builds its own.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { MESSAGE_MATCHER_IS_ALREADY_BUILT, type Result, type Router } from 'hono/router';
import { PreparedRegExpRouter, RegExpRouter } from 'hono/router/reg-exp-router';
import { PROJECT_ROOT } from './paths.js';

type Params = ConstructorParameters<typeof PreparedRegExpRouter<unknown>>;

/** What the build writes: the paths the matcher was prepared for, and a fresh copy of it per call. */
export interface PreparedRoutes {
  paths: readonly string[];
  params(): Params;
}

export const PREPARED_ROUTES_FILE = resolve(PROJECT_ROOT, 'dist', 'router-params.cjs');

let preparedFile: PreparedRoutes | null | undefined;
function fromBuild(): PreparedRoutes | null {
  if (preparedFile === undefined) {
    try {
      preparedFile = createRequire(import.meta.url)(PREPARED_ROUTES_FILE) as PreparedRoutes;
    } catch {
      preparedFile = null; // no build (tests from a fresh checkout): every sandbox builds its own
    }
  }
  return preparedFile;
}

/** Whether a prepared matcher covers exactly these paths. */
export function fits(prepared: PreparedRoutes, paths: Iterable<string>): boolean {
  const own = new Set(paths);
  return own.size === prepared.paths.length && prepared.paths.every((p) => own.has(p));
}

/** Collects the routes, and on the first request hands them to the router that will match them. */
export class StartRouter<T> implements Router<T> {
  name = 'StartRouter';
  #routes: [string, string, T][] | undefined = [];

  constructor(private readonly prepared: () => PreparedRoutes | null = fromBuild) {}

  add(method: string, path: string, handler: T): void {
    if (!this.#routes) throw new Error(MESSAGE_MATCHER_IS_ALREADY_BUILT);
    this.#routes.push([method, path, handler]);
  }

  /** The first match picks the router; from then on its own match answers. */
  match(method: string, path: string): Result<T> {
    const routes = this.#routes!;
    const prepared = this.prepared();
    const router: Router<T> =
      prepared &&
      fits(
        prepared,
        routes.map(([, p]) => p),
      )
        ? (new PreparedRegExpRouter(...prepared.params()) as Router<unknown> as Router<T>)
        : new RegExpRouter<T>();
    for (const [m, p, h] of routes) router.add(m, p, h);
    this.#routes = undefined;
    this.name = router.name;
    const result = router.match(method, path); // Hono's routers swap in their built matcher on the first match
    this.match = router.match.bind(router);
    return result;
  }
}
