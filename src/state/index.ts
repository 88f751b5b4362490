// The state room: `--state` parsed (spec.ts) and opened. memory gives no Durable (the sandbox runs as
// it always has); file: and redis: give one, which the sandbox wires into its store, clock, fault
// rules, id streams, pipeline and control plane.
import type { MiddlewareHandler } from 'hono';
import { SandboxError } from '../engine/index.js';
import { Durable } from './durable.js';
import { fileBackend } from './file.js';
import { RedisBackend } from './redis.js';
import { parseStateSpec, type StateSpec } from './spec.js';

export { Durable } from './durable.js';
export type { Backend, Health, Snapshot } from './backend.js';
export { describeState, parseStateSpec, StateSpecError, type StateSpec } from './spec.js';

export function openState(spec: StateSpec | string | undefined): Durable | undefined {
  const s = typeof spec === 'string' || spec === undefined ? parseStateSpec(spec) : spec;
  if (s.kind === 'memory') return undefined;
  if (s.kind === 'file') return new Durable(fileBackend(s.dir));
  return new Durable(new RedisBackend(s.url));
}

/** The backend could not take a commit: the caller gets a 503 instead of an answer it would lose. */
export const stateUnavailable = (err: unknown) =>
  new SandboxError(
    503,
    'state_unavailable',
    `The state backend did not take the change: ${(err as Error).message}`,
    'GET /_sandbox/health says whether the backend is reachable',
  );

/** The control plane and the pages: what a call changed is committed before it answers. */
export function committing(durable: Durable): MiddlewareHandler {
  return async (c, next) => {
    // Health answers whatever the backend's state (it reports it), without waiting on a lock.
    if (c.req.path === '/_sandbox/health') return next();
    try {
      await durable.control(next);
    } catch (err) {
      const e = stateUnavailable(err);
      c.res = c.json(e.toJSON(), 503);
    }
  };
}
