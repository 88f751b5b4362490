// The conformance suite, for one provider: bad input to every write operation of its contract gets
// a 4xx in the vendor's shape (the contract check in testSandbox() verifies the shape), never a
// 5xx, and stored state is unchanged. test/conformance.test.ts runs it for every registered
// provider; test/extensibility.test.ts for one defined outside the registry.
import { describe, expect, it } from 'vitest';
import type { ProviderModule } from '../../src/engine/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { testSandbox } from '../helpers.js';
import type { ProviderTesting } from '../provider-testing.js';
import { contractOf } from './contract-file.js';

type Json = Record<string, unknown>;

export interface ConformanceOptions {
  /** A fresh sandbox with the provider mounted (default: testSandbox(), the registry). */
  sandbox?: () => Sandbox;
}

const UNICODE = 'Zoë 🤖 שלום \u202e\u0000 — 名前';

function samplePath(path: string) {
  return path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

function badBodies(schema: Json | undefined, overLimit: number): [string, string, string][] {
  const props = Object.keys((schema?.properties ?? {}) as Json);
  const wrongTypes = Object.fromEntries(props.map((p) => [p, { nested: [1, 2] }]));
  const unicode = Object.fromEntries(props.map((p) => [p, UNICODE]));
  return [
    ['malformed JSON', 'application/json', '{"a":'],
    ['a JSON array', 'application/json', '[1,2]'],
    ['a JSON string', 'application/json', '"hello"'],
    ['the wrong content type', 'text/plain', JSON.stringify(unicode)],
    ['every field of the wrong type', 'application/json', JSON.stringify(wrongTypes)],
    ['unicode in every field', 'application/json', JSON.stringify(unicode)],
    ['a body over the limit', 'application/json', JSON.stringify({ blob: 'x'.repeat(overLimit) })],
  ];
}

// Vendor state only: "_" collections hold bookkeeping such as rate-limit windows, which every request moves.
const state = (sb: Sandbox, provider: string) =>
  JSON.stringify(
    Object.entries(sb.snapshot({ provider })).flatMap(([tenant, ns]) =>
      Object.entries(ns)
        .filter(([c]) => !c.startsWith('_'))
        .map((e) => [tenant, ...e]),
    ),
  );

/** The JSON request-body schema of an operation, with a top-level $ref resolved. */
function requestSchema(document: Json, path: string, method: string): Json | undefined {
  const schema = (((document.paths as Json)[path] as Json)[method.toLowerCase()] as Json)
    .requestBody as Json | undefined;
  const bodySchema = (
    (schema?.content as Json | undefined)?.['application/json'] as Json | undefined
  )?.schema as Json | undefined;
  return typeof bodySchema?.$ref === 'string'
    ? (((document.components as Json).schemas as Json)[bodySchema.$ref.split('/').pop()!] as Json)
    : bodySchema;
}

export function conformanceSuite(
  provider: ProviderModule,
  testing: ProviderTesting,
  opts: ConformanceOptions = {},
) {
  const sandbox = opts.sandbox ?? (() => testSandbox());
  describe(`${provider.name} conformance`, () => {
    const contract = contractOf(provider);
    const writes = contract.operations.filter(
      (o) => o.method === 'POST' || o.method === 'PUT' || o.method === 'PATCH',
    );
    for (const op of writes) {
      const resolved = requestSchema(contract.document, op.path, op.method);
      for (const [what, type, body] of badBodies(
        resolved,
        (provider.bodyLimit ?? 100 * 1024) + 1024,
      )) {
        it(`${op.id}: answers ${what} with a 4xx and keeps state`, async () => {
          const sb = sandbox();
          const headers = await testing.auth(sb);
          const before = state(sb, provider.name);
          const res = await sb.app.request(`/${provider.name}${samplePath(op.path)}`, {
            method: op.method,
            headers: { ...headers, 'content-type': type },
            body,
          });
          expect(res.status, await res.clone().text()).toBeLessThan(500);
          if (what !== 'unicode in every field') expect(res.status).toBeGreaterThanOrEqual(400);
          else
            expect(
              res.status === 201 || res.status === 200 || (res.status >= 400 && res.status < 500),
            ).toBe(true);
          if (what !== 'unicode in every field') expect(state(sb, provider.name)).toBe(before);
        });
      }
    }
  });
}
