// One suite over every registered provider: bad input gets a 4xx in the vendor's shape (the
// contract check in testSandbox() verifies the shape), never a 5xx, and stored state is unchanged.
import { describe, expect, it } from 'vitest';
import { contractFile, loadContract } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { authFor } from './provider-auth.js';
import { testSandbox } from './helpers.js';

type Json = Record<string, unknown>;

const UNICODE = 'Zoë 🤖 שלום \u202e\u0000 — 名前';

function samplePath(path: string) {
  return path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

function badBodies(schema: Json | undefined): [string, string, string][] {
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
    ['a 1 MB body', 'application/json', JSON.stringify({ blob: 'x'.repeat(1024 * 1024) })],
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

for (const provider of providers) {
  describe(`${provider.name} conformance`, () => {
    const contract = loadContract(provider.name, contractFile(provider.name));
    const writes = contract.operations.filter(
      (o) => o.method === 'POST' || o.method === 'PUT' || o.method === 'PATCH',
    );
    for (const op of writes) {
      const schema = (
        ((contract.document.paths as Json)[op.path] as Json)[op.method.toLowerCase()] as Json
      ).requestBody as Json | undefined;
      const bodySchema = (
        (schema?.content as Json | undefined)?.['application/json'] as Json | undefined
      )?.schema as Json | undefined;
      const resolved =
        typeof bodySchema?.$ref === 'string'
          ? (((contract.document.components as Json).schemas as Json)[
              bodySchema.$ref.split('/').pop()!
            ] as Json)
          : bodySchema;
      for (const [what, type, body] of badBodies(resolved)) {
        it(`${op.id}: answers ${what} with a 4xx and keeps state`, async () => {
          const sb = testSandbox();
          const headers = await authFor(provider.name, sb);
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
