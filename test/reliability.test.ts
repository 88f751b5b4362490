// Property-based fuzzing of every contract operation of every provider (fast-check, bounded): random
// and schema-shaped bodies, with and without the provider's credentials, on sample paths. Whatever
// arrives, the answer is never a 5xx the request did not force, every answer conforms to the
// contract (testSandbox checks it: a vendor envelope on every 4xx), and a refused request leaves
// the vendor state as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { providers } from '../src/providers/index.js';
import { testingOf } from './provider-auth.js';
import { call, testSandbox } from './helpers.js';
import { contractOf } from './suites/contract-file.js';

type Json = Record<string, unknown>;

/** Values of a JSON schema's shape (roughly): right types, wrong types, edge strings and numbers. */
function valueOf(schema: Json | undefined): fc.Arbitrary<unknown> {
  const edge = fc.constantFrom(
    '',
    ' ',
    'x'.repeat(300),
    'Zoë 🤖 \u202e\u0000',
    '<script>',
    '../..',
    null,
  );
  const type = Array.isArray(schema?.type) ? schema!.type[0] : schema?.type;
  if (Array.isArray(schema?.enum))
    return fc.oneof(fc.constantFrom(...(schema!.enum as unknown[])), edge);
  if (type === 'string') return fc.oneof(fc.string(), fc.emailAddress(), fc.uuid(), edge);
  if (type === 'integer' || type === 'number')
    return fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER),
    );
  if (type === 'boolean') return fc.oneof(fc.boolean(), edge);
  if (type === 'array') return fc.array(valueOf(schema?.items as Json), { maxLength: 4 });
  if (type === 'object' || schema?.properties) return objectOf(schema);
  return fc.jsonValue({ maxDepth: 3 });
}

function objectOf(schema: Json | undefined): fc.Arbitrary<Json> {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const keys = Object.keys(props);
  if (!keys.length)
    return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  return fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(props[k])])), {
    requiredKeys: [],
  });
}

function requestSchema(document: Json, path: string, method: string): Json | undefined {
  const op = ((document.paths as Json)[path] as Json)[method.toLowerCase()] as Json;
  const schema = (
    ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
      Json | undefined
  )?.schema as Json | undefined;
  const ref = schema?.$ref;
  return typeof ref === 'string'
    ? (((document.components as Json).schemas as Json)[ref.split('/').pop()!] as Json)
    : schema;
}

const vendorState = (sb: ReturnType<typeof testSandbox>, provider: string) =>
  JSON.stringify(
    Object.entries(sb.snapshot({ provider })).map(([t, ns]) => [
      t,
      Object.entries(ns).filter(([c]) => !c.startsWith('_')),
    ]),
  );

const samplePath = (path: string, id: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(id));

describe.each(providers.map((p) => [p.name, p] as const))('%s under fuzzing', (name, provider) => {
  const contract = contractOf(provider);
  it('answers any body, header and path within its contract, never a 5xx, and refusals change nothing', async () => {
    const sb = testSandbox();
    const auth = await testingOf(name).auth(sb);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...contract.operations),
        fc.boolean(),
        fc.oneof(
          fc.uuid(),
          fc.string({ maxLength: 40 }),
          fc.constant('00000000-0000-4000-8000-000000000000'),
        ),
        fc.option(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined)), {
          nil: undefined,
        }),
        fc.integer(),
        async (op, authorized, id, randomBody, seed) => {
          const schema = requestSchema(contract.document, op.path, op.method);
          const shaped = fc.sample(objectOf(schema), { numRuns: 1, seed })[0];
          const body =
            op.method === 'GET' || op.method === 'DELETE' ? undefined : (randomBody ?? shaped);
          const before = vendorState(sb, name);
          const res = await call(sb, op.method, `/${name}${samplePath(op.path, id)}`, {
            headers: authorized ? auth : {},
            ...(body === undefined ? {} : { json: body }),
          });
          expect(
            res.status,
            `${op.id} ${JSON.stringify(body)?.slice(0, 200)} → ${res.text.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (res.status >= 400)
            expect(vendorState(sb, name), `${op.id} changed state on ${res.status}`).toBe(before);
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
    expect(sb.contractViolations).toEqual([]);
  });
});
