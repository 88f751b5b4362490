// The rules every provider shares: one redirect policy, one transition guard, one set of transport
// rows, options parsed once, one ownership lookup.
import { describe, expect, it } from 'vitest';
import { transportRows } from './errors.js';
import { depthOver } from './input.js';
import { defineLifecycle } from './lifecycle.js';
import { resolveOptions } from './options.js';
import { allowedRedirect } from './redirect.js';
import type { ProviderModule } from './define-provider.js';

describe('allowedRedirect', () => {
  const local = ['https', 'http-localhost', 'app'] as const;
  it.each([
    ['https://app.example/done?x=1', local],
    ['http://localhost:3000/cb', local],
    ['http://127.0.0.1/cb', local],
    ['http://[::1]:8080/', local],
    ['myapp://verified', local],
    ['http://anything.example/', ['http'] as const],
  ])('allows %s', (uri, schemes) => expect(allowedRedirect(uri, schemes)).toBe(uri));

  it.each([
    'http://127.0.0.1@evil.example/',
    'https://user:pass@app.example/',
    'http://localhost.evil.example/',
    'http://evil.example/',
    'intent://scan/#Intent;scheme=zxing;end',
    'javascript://%0aalert(1)',
    'data://text/html,hi',
    'file:///etc/passwd',
    'myapp:no-slashes',
    'https://app.example/\n',
    'https:/\\evil.example',
    `https://app.example/${'a'.repeat(2100)}`,
    'not a url',
  ])('refuses %s', (uri) => expect(allowedRedirect(uri, local)).toBeNull());

  it('allows only https by default', () => {
    expect(allowedRedirect('http://localhost/')).toBeNull();
    expect(allowedRedirect('https://a.example/')).toBe('https://a.example/');
  });
});

describe('lifecycle.guard', () => {
  const lc = defineLifecycle({
    states: ['NEW', 'DONE', 'GONE'] as const,
    initial: 'NEW',
    transitions: { NEW: ['DONE'] },
  });
  it('returns an allowed state', () => expect(lc.guard('Thing', 'NEW', 'DONE')).toBe('DONE'));
  it('refuses a forbidden or unknown state with a 409 naming the allowed moves', () => {
    for (const [from, to, hint] of [
      ['NEW', 'GONE', 'allowed from NEW: DONE'],
      ['NEW', 'nope', 'allowed from NEW: DONE'],
      ['DONE', 'NEW', 'allowed from DONE: none (final)'],
    ] as const) {
      const err = (() => {
        try {
          lc.guard('Thing', from, to);
        } catch (e) {
          return e as { status: number; code: string; message: string; hint: string };
        }
      })();
      expect(err).toMatchObject({
        status: 409,
        code: 'illegal_transition',
        message: `Thing cannot move from ${from} to ${to}`,
        hint,
      });
    }
  });
});

describe('transportRows', () => {
  it('gives the default rows, a vendor-wide change, then per-row overrides', () => {
    const rows = transportRows({ ROUTE_NOT_FOUND: { message: 'Route not found' } }, () => ({
      code: undefined,
    }));
    expect(rows.ROUTE_NOT_FOUND).toEqual({
      status: 404,
      message: 'Route not found',
      note: 'an unknown path under the provider',
    });
    expect(rows.GATEWAY_TIMEOUT.status).toBe(504);
    expect('code' in rows.GATEWAY_TIMEOUT).toBe(false);
  });
});

describe('resolveOptions', () => {
  const provider = {
    name: 'p',
    options: {
      ttl: { default: '24h', type: 'duration', description: '' },
      limit: { default: '10', type: 'int', description: '' },
      mode: { default: 'a', choices: ['a', 'b'], description: '' },
    },
  } as unknown as ProviderModule;
  it('parses each option once into its type', () => {
    expect(resolveOptions(provider, { ttl: '30m' })).toEqual({
      ttl: 1_800_000,
      limit: 10,
      mode: 'a',
    });
  });
  it.each([
    [{ ttl: 'soon' }, 'p.ttl=soon is not a duration'],
    [{ limit: '1.5' }, 'p.limit=1.5 is not a whole number'],
    [{ mode: 'c' }, 'p.mode=c'],
    [{ constructor: 'x' }, 'p has no option "constructor"'],
  ])('refuses %o', (given, message) => {
    expect(() => resolveOptions(provider, given as Record<string, string>)).toThrow(message);
  });
});

describe('depthOver', () => {
  const nest = (n: number) => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = { a: [v] };
    return v;
  };
  it('measures objects and arrays without recursion', () => {
    expect(depthOver({ a: 1 }, 64)).toBe(false);
    expect(depthOver(nest(31), 64)).toBe(false); // 62 levels
    expect(depthOver(nest(33), 64)).toBe(true); // 66 levels
    expect(depthOver(nest(50_000), 64)).toBe(true);
  });
});
