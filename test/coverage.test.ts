// Every contract operation has a route and every route a contract operation, for every provider in
// the registry and the tiny one: the contract is the whole documented surface the sandbox answers.
import { describe, expect, it } from 'vitest';
import type { ProviderModule } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { operationsOf, routesOf, shapeOf } from './coverage.js';
import { tiny } from './fixtures/tiny-provider/index.js';

const key = (method: string, path: string) => `${method} ${shapeOf(path)}`;

function coverage(p: ProviderModule) {
  const routes = new Set(routesOf(p).map((r) => key(r.method, r.path)));
  const operations = new Set(operationsOf(p).map((o) => key(o.method, o.path)));
  return {
    unrouted: [...operations].filter((o) => !routes.has(o)),
    undocumented: [...routes].filter((r) => !operations.has(r)),
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
