import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';
import { compileContract } from './contracts.js';
import { parseDuration } from './duration.js';
import { createIdSource, indexOfId, indexSalt } from './ids.js';
import { createJournal } from './journal.js';
import { defineLifecycle } from './lifecycle.js';
import { createStore } from './store.js';

describe('clock', () => {
  it('keeps a global and a per-tenant offset on a frozen base', () => {
    const clock = createClock({ mode: 'frozen', start: 1000 });
    clock.advance(500);
    clock.advance(100, 't1');
    expect([clock.now(), clock.now('t1'), clock.now('t2')]).toEqual([1500, 1600, 1500]);
    clock.set(5000, 't2');
    expect(clock.now('t2')).toBe(5000);
    clock.reset('t1');
    expect(clock.now('t1')).toBe(1500);
    clock.reset();
    expect(clock.now('t2')).toBe(1000);
  });

  it('follows its real source in real mode', () => {
    let t = 10;
    const clock = createClock({ source: () => t });
    clock.advance(5);
    t = 20;
    expect(clock.now()).toBe(25);
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1d12h', 129_600_000],
    ['250', 250],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each([['soon'], ['-1h'], ['1y'], ['']])('refuses %s', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('ids', () => {
  it('makes v4-shaped UUIDs from a seed and a counter per kind', () => {
    const a = createIdSource('seed', 'ns');
    const b = createIdSource('seed', 'ns');
    const first = a.uuid('user');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.uuid('user')).toBe(first);
    expect(a.uuid('user')).not.toBe(first);
    expect(createIdSource('other seed', 'ns').uuid('user')).not.toBe(first);
  });

  it('makes indexed UUIDs that give back their position, deterministic and distinct', () => {
    const a = createIdSource('seed', 'ns');
    const ids = Array.from({ length: 5000 }, () => a.indexed('link'));
    expect(ids.map((id) => indexOfId(id, indexSalt('ns')))).toEqual(ids.map((_, n) => n));
    // Another tenant's n-th id starts differently: ids do not line up across tenants.
    const other = createIdSource('seed', 'other');
    expect(other.indexed('link').slice(0, 8)).not.toBe(ids[0].slice(0, 8));
    expect(new Set(ids).size).toBe(5000);
    expect(new Set(ids.map((id) => id.slice(0, 2))).size).toBeGreaterThan(200); // positions do not show
    expect(createIdSource('seed', 'ns').indexed('link')).toBe(ids[0]);
    for (const id of ids.slice(0, 500))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([
      indexOfId('not-an-id', 0),
      indexOfId('zzzzzzzz-0000-4000-8000-000000000000', 0),
    ]).toEqual([-1, -1]);
  });
});

describe('store', () => {
  it('partitions by provider and tenant and knows who owns an id', () => {
    const store = createStore();
    store.ns('p', 'a').put('users', 'u1', { id: 'u1' });
    store.ns('p', 'a').put('_settings', 'one', { x: 1 });
    expect(store.ns('p', 'b').get('users', 'u1')).toBeUndefined();
    expect([store.ownerOf('p', 'u1'), store.ownerOf('p', 'one'), store.ownerOf('q', 'u1')]).toEqual(
      ['a', undefined, undefined],
    );
    store.reset({ provider: 'p', tenant: 'a' });
    expect(store.ownerOf('p', 'u1')).toBeUndefined();
    expect(store.snapshot()).toEqual({});
  });

  it('keeps indexed records in the slots their ids encode, and refuses ids that are not its own', () => {
    const store = createStore();
    const ids = createIdSource('seed', 'p:a');
    const ns = store.ns('p', 'a');
    const [l0, l1, l2] = [ids.indexed('link'), ids.indexed('link'), ids.indexed('link')];
    ns.append('links', l0, { id: l0, n: 0 });
    ns.append('links', l2, { id: l2, n: 2 }); // l1 never stored: a hole, not a shift
    expect([
      ns.get('links', l0)?.n,
      ns.get('links', l1),
      ns.get('links', l2)?.n,
      ns.count('links'),
    ]).toEqual([0, undefined, 2, 2]);
    ns.put('links', l2, { id: l2, n: 22 });
    expect(ns.list('links')).toEqual([
      { id: l0, n: 0 },
      { id: l2, n: 22 },
    ]);
    // Another namespace's link at the same position starts differently and is not this record.
    const other = createIdSource('seed', 'p:b').indexed('link');
    expect(other.slice(0, 8)).not.toBe(l0.slice(0, 8));
    expect([ns.get('links', other), store.ownerOf('p', l2), store.ownerOf('p', other)]).toEqual([
      undefined,
      'a',
      undefined,
    ]);
    expect(() => ns.put('links', other, { id: other })).toThrow(/not an indexed id/);
    expect(() => ns.append('users', 'u1', { id: 'u1' })).toThrow(/not an indexed id/);
    ns.put('users', 'u1', { id: 'u1' });
    expect(() => ns.append('users', l1, { id: l1 })).toThrow(/not indexed/);
    expect(ns.delete('links', l0)).toBe(true);
    expect([ns.get('links', l0), ns.count('links'), Object.keys(store.snapshot()['p:a'])]).toEqual([
      undefined,
      1,
      ['links', 'users'],
    ]);
  });

  it('keeps the newest records of a collection past the retention count, indexed ones compacted', () => {
    const store = createStore({ retention: { records: 10, ageMs: 1000 } });
    const ids = createIdSource('seed', 'p:a');
    const ns = store.ns('p', 'a');
    const links = Array.from({ length: 5000 }, () => ids.indexed('link'));
    for (const id of links) ns.append('links', id, { id });
    for (let n = 0; n < 50; n++) ns.put('users', `u${n}`, { id: `u${n}` });
    ns.put('users', 'u45', { id: 'u45', updated: true }); // an update keeps its place
    expect([ns.count('links'), ns.count('users')]).toEqual([10, 10]);
    expect(ns.list('links').map((l) => l.id)).toEqual(links.slice(-10));
    expect(ns.get('links', links[0])).toBeUndefined();
    // A dropped position (compacted away) takes no write and throws nothing.
    ns.put('links', links[0], { id: links[0] });
    expect([ns.get('links', links[0]), ns.count('links')]).toEqual([undefined, 10]);
    expect(ns.list('users').map((u) => u.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `u${40 + i}`),
    );
  });

  it('sweeps records older than the retention age on the tenant clock, keeping lookup rows', () => {
    const store = createStore({ retention: { records: 100, ageMs: 1000 } });
    const ns = store.ns('p', 'a');
    ns.put('users', 'old', { id: 'old', createdAt: new Date(0).toISOString() });
    ns.put('users', 'new', { id: 'new', createdAt: new Date(5000).toISOString() });
    ns.put('links', 'l', { id: 'l', createdAt: 500 });
    ns.put('_settings', 'webhook', { createdAt: 0 });
    store.sweep(() => 5500);
    expect([ns.get('users', 'old'), ns.get('users', 'new')?.id, ns.get('links', 'l')]).toEqual([
      undefined,
      'new',
      undefined,
    ]);
    expect(ns.get('_settings', 'webhook')).toEqual({ createdAt: 0 });
  });

  it('snapshots are copies', () => {
    const store = createStore();
    const row = store.ns('p', 'a').put('users', 'u1', { id: 'u1', n: 1 });
    const snap = store.snapshot();
    row.n = 2;
    expect(snap['p:a'].users[0]).toEqual({ id: 'u1', n: 1 });
  });
});

describe('journal', () => {
  const record = (journal: ReturnType<typeof createJournal>, tenant: string, n: number) =>
    journal.record({
      at: 0,
      provider: 'p',
      tenant,
      operation: 'op',
      method: 'POST',
      path: '/x',
      query: {},
      status: 200,
      durationMs: 1,
      scenario: null,
      requestHeaders: ['X-Key', 'k', 'Content-Type', 'application/json'],
      requestText: `{"n":${n}}`,
      responseText: '{}',
    });

  it('keeps the newest entries per tenant, newest first, with raw header pairs listed lower-cased', () => {
    const journal = createJournal(3);
    for (let n = 1; n <= 7; n++) record(journal, 'a', n);
    record(journal, 'b', 100);
    expect(journal.list({ tenant: 'a' }).map((e) => (e.requestBody as { n: number }).n)).toEqual([
      7, 6, 5,
    ]);
    expect(journal.list().map((e) => e.tenant)).toEqual(['b', 'a', 'a', 'a']);
    expect(journal.list({ tenant: 'b' })[0].requestHeaders).toEqual({
      'x-key': 'k',
      'content-type': 'application/json',
    });
    journal.reset({ tenant: 'a' });
    expect(journal.list().map((e) => e.tenant)).toEqual(['b']);
  });
});

describe('lifecycle', () => {
  it('derives terminal states and checks moves', () => {
    const lc = defineLifecycle({
      states: ['a', 'b', 'c'] as const,
      initial: 'a',
      transitions: { a: ['b'], b: ['c', 'a'] },
    });
    expect(lc.terminal).toEqual(['c']);
    expect([lc.can('a', 'b'), lc.can('a', 'c'), lc.isState('z')]).toEqual([true, false, false]);
  });
});

describe('contracts', () => {
  const doc = (schema: unknown) => ({
    openapi: '3.1.0',
    paths: {
      '/things/{id}': {
        post: {
          operationId: 'makeThing',
          requestBody: { content: { 'application/json': { schema } } },
          responses: { '201': { description: 'ok' } },
        },
      },
    },
  });

  it('fails the boot on a bad schema, naming the file and the operation', () => {
    expect(() => compileContract('demo', doc({ type: 'strng' }))).toThrow(
      /contracts\/demo\/openapi\.yaml: makeThing request/,
    );
    expect(() => compileContract('demo', doc({ type: 'object', propertees: {} }))).toThrow(
      /unknown keyword/,
    );
  });

  it('matches templated paths and validates bodies', () => {
    const c = compileContract(
      'demo',
      doc({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }),
    );
    const op = c.match('POST', '/things/42')!;
    expect(op.id).toBe('makeThing');
    expect(c.match('GET', '/things/42')).toBeUndefined();
    expect(c.checkRequest('makeThing', { name: 'x' })).toBeNull();
    expect(c.checkRequest('makeThing', {})?.[0].message).toContain(
      "must have required property 'name'",
    );
    expect(c.checkResponse(op, 500, {})).toMatch(/status 500 is not in the contract/);
  });
});

describe('id streams', () => {
  it('always yield well-formed v4 UUIDs and hex tokens', () => {
    const ids = createIdSource('any', 'ns');
    for (let i = 0; i < 2000; i++)
      expect(ids.uuid('k')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    expect(ids.token('t', 5)).toMatch(/^[0-9a-f]{10}$/);
    expect(new Set(Array.from({ length: 1000 }, () => ids.uuid('u'))).size).toBe(1000);
  });
});
