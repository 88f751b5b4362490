// The app's router (src/engine/router.ts): a sandbox whose paths are the ones the build prepared
// starts from Hono's PreparedRegExpRouter, any other builds a RegExpRouter; both must route alike.
import { buildInitParams, RegExpRouter, serializeInitParams } from 'hono/router/reg-exp-router';
import type { Result } from 'hono/router';
import { describe, expect, it } from 'vitest';
import { fits, StartRouter, type PreparedRoutes } from '../src/engine/router.js';
import { createSandbox } from '../src/sandbox.js';

/** Prepared exactly as scripts/prepare-router.mjs writes it: serialized, then evaluated. */
function prepare(paths: string[]): PreparedRoutes {
  const source = serializeInitParams(buildInitParams({ paths }));
  return { paths, params: () => new Function(`return ${source}`)() };
}

/** Each matched handler with its parameters resolved, in order. */
function resolved<T>([handlers, stash]: Result<T>) {
  return handlers.map(([h, map]) => [
    h,
    Object.fromEntries(Object.entries(map).map(([k, v]) => [k, stash ? stash[v as number] : v])),
  ]);
}

describe('the start router', () => {
  const routes = createSandbox().app.routes;
  const paths = [...new Set(routes.map((r) => r.path))];
  // Every route's path with its parameters filled in, and near misses around each.
  const urls = paths.flatMap((p) => {
    const url = p.replace(/:[^/]+/g, 'id-1').replace(/\*$/, 'a/b');
    return [url, `${url}/`, `${url}/extra`, url.slice(0, url.lastIndexOf('/')) || '/'];
  });

  it('routes every request of a default sandbox as a freshly built RegExpRouter does', () => {
    const start = new StartRouter(() => prepare(paths));
    const plain = new RegExpRouter();
    for (const r of routes) {
      start.add(r.method, r.path, r.handler);
      plain.add(r.method, r.path, r.handler);
    }
    let matched = 0;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const url of urls) {
        const got = resolved(start.match(method, url));
        expect(got, `${method} ${url}`).toEqual(resolved(plain.match(method, url)));
        if (got.length) matched++;
      }
    }
    expect(start.name).toBe('PreparedRegExpRouter');
    expect(matched).toBeGreaterThan(paths.length);
  });

  it('builds its own matcher when the paths are not exactly the prepared ones', () => {
    expect(fits(prepare(['/a', '/b/:id']), ['/b/:id', '/a', '/a'])).toBe(true);
    expect(fits(prepare(['/a', '/b/:id']), ['/a'])).toBe(false);
    expect(fits(prepare(['/a']), ['/a', '/c'])).toBe(false);
    const router = new StartRouter(() => prepare(['/a']));
    router.add('GET', '/a', 'a');
    router.add('GET', '/c/:id', 'c');
    expect(resolved(router.match('GET', '/c/7'))).toEqual([['c', { id: '7' }]]);
    expect(resolved(router.match('GET', '/a'))).toEqual([['a', {}]]);
    expect(router.name).toBe('RegExpRouter');
    expect(new StartRouter(() => null).match('GET', '/')[0]).toEqual([]);
  });

  it('refuses a route added after the first match, as Hono routers do', () => {
    const router = new StartRouter(() => null);
    router.add('GET', '/a', 'a');
    router.match('GET', '/a');
    expect(() => router.add('GET', '/b', 'b')).toThrow(/already built/);
  });
});
