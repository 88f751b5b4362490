// Every contract operation has a route and every route a contract operation, for every provider in
// the registry and the tiny one: the contract is the whole documented surface the sandbox answers.
import { describe, expect, it } from 'vitest';
import type { ProviderModule } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { operationsOf, routesOf, shapeOf } from './coverage.js';
import { tiny } from './fixtures/tiny-provider/index.js';

const key = (method: string, path: string) => `${method} ${shapeOf(path)}`;

/**
 * A route answers an operation when its pattern matches the operation's path (a parameter route may
 * answer a fixed path beside it, telling them apart itself).
 */
const answers = (route: { method: string; path: string }, method: string, path: string) =>
  route.method === method &&
  new RegExp(`^${route.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`).test(
    path.replace(/\{[^}]+\}/g, 'x'),
  );

function coverage(p: ProviderModule) {
  const routes = routesOf(p);
  const operations = new Set(operationsOf(p).map((o) => key(o.method, o.path)));
  return {
    unrouted: operationsOf(p)
      .filter((o) => !routes.some((r) => answers(r, o.method, o.path)))
      .map((o) => key(o.method, o.path)),
    undocumented: routes.map((r) => key(r.method, r.path)).filter((r) => !operations.has(r)),
  };
}

describe.each([...providers, tiny])('$name coverage', (p) => {
  it('answers every operation of its contract, and nothing its contract does not name', () => {
    expect(coverage(p)).toEqual({ unrouted: [], undocumented: [] });
  });

  it('says what is missing for every documented endpoint it does not emulate', () => {
    for (const n of p.notEmulated ?? []) {
      expect(n.reason.length, `${n.method} ${n.path}`).toBeGreaterThan(10);
      expect(coverage(p).undocumented).not.toContain(key(n.method, n.path));
    }
  });
});
