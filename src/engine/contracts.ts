// Contracts are data (stripe-mock, ajv's guide): each provider's OpenAPI 3.1 file is loaded at boot,
// every schema checked against JSON Schema 2020-12 (a bad schema fails the boot), and each
// operation's validators compiled by ajv on first use, so a cold start stays fast.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { PROJECT_ROOT } from './paths.js';
import { checkSchema } from './schema-check.js';

// ajv and js-yaml (CommonJS) are required when first needed, not at boot: a cold start is mostly module loading.
type Plugin = (ajv: Ajv2020) => unknown;
const requireCjs = createRequire(import.meta.url);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Json = Record<string, unknown>;

export interface Operation {
  id: string;
  method: string;
  /** OpenAPI path template, e.g. /api/partner/v2/users/{userId}/kyc/verification-link */
  path: string;
  regex: RegExp;
  /** Compiled on first use. */
  request(): ValidateFunction | undefined;
  /** Declared statuses ('201', '4XX', 'default'); compiled on first use. */
  statuses: readonly string[];
  response(status: string): ValidateFunction | undefined;
}

export interface Contract {
  provider: string;
  document: Json;
  operations: Operation[];
  match(method: string, path: string): Operation | undefined;
  byId(operationId: string): Operation | undefined;
  /** ajv errors for a request body, or null when it conforms. */
  checkRequest(operationId: string, body: unknown): ErrorObject[] | null;
  /** A readable reason when a response does not conform, or null. */
  checkResponse(op: Operation, status: number, body: unknown): string | null;
  /** Compiles every validator now, in ajv's strict mode (the test suite does this for every contract). */
  compileAll(): void;
}

function rewriteRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, base));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${base}${v.slice(21)}`
        : rewriteRefs(v, base);
  }
  return out;
}

const jsonSchemaOf = (content: unknown) =>
  (content as { 'application/json'?: { schema?: Json } } | undefined)?.['application/json']?.schema;

function memo<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

// One ajv for every contract (each under its own base URI): the meta-schema is compiled once.
let shared: Ajv2020 | undefined;
function ajvInstance() {
  if (!shared) {
    // validateSchema off: checkSchema() already vetted every schema at boot, and skipping ajv's
    // meta-schema keeps its (slow) compilation out of the cold start.
    const { Ajv2020: AjvClass } = requireCjs('ajv/dist/2020.js') as {
      Ajv2020: new (opts: object) => Ajv2020;
    };
    const formats = requireCjs('ajv-formats') as Plugin & { default?: Plugin };
    shared = new AjvClass({
      strict: true,
      allErrors: true,
      allowUnionTypes: true,
      strictRequired: false,
      validateSchema: false,
    });
    (formats.default ?? formats)(shared);
    shared.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  }
  return shared;
}

/** Compiles schemas of one contract on first use, with its components registered in ajv first. */
function schemaCompiler(provider: string, document: Json, checked: boolean) {
  const ajv = ajvInstance;
  const file = `contracts/${provider}/openapi.yaml`;
  const base = `https://kyc-sandbox.local/${provider}/schemas/`;
  const components = ((document.components as Json | undefined)?.schemas ?? {}) as Json;
  const fail = (where: string, message: string): never => {
    throw new Error(`${file}: ${where}: ${message}`);
  };
  const check = (schema: Json, where: string) => {
    if (checked) return;
    const problem = checkSchema(schema, (name) => name in components);
    if (problem) fail(where, problem);
  };
  for (const [name, schema] of Object.entries(components))
    check(schema as Json, `components.schemas.${name}`);
  // ajv meets the components only when the first validator of this contract is compiled.
  const registerComponents = memo(() => {
    for (const [name, schema] of Object.entries(components)) {
      if (!ajv().getSchema(base + name))
        ajv().addSchema(rewriteRefs(schema, base) as Json, base + name);
    }
  });
  const compile = (schema: Json | undefined, where: string) => {
    if (!schema) return () => undefined;
    check(schema, where);
    return memo(() => {
      try {
        registerComponents();
        return ajv().compile(rewriteRefs(schema, base) as Json);
      } catch (err) {
        return fail(where, (err as Error).message);
      }
    });
  };
  // Response and request-body objects may be $refs into components (shared error responses).
  const deref = (node: Json | undefined): Json | undefined => {
    const ref = node?.$ref;
    if (typeof ref !== 'string') return node;
    const [, , group, name] = ref.split('/');
    const target = ((document.components as Json | undefined)?.[group] as Json | undefined)?.[
      name
    ] as Json | undefined;
    return target ?? fail(ref, 'unresolved $ref');
  };
  return { compile, deref };
}

function operationsOf(document: Json, compiler: ReturnType<typeof schemaCompiler>): Operation[] {
  const { compile, deref } = compiler;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const id = String(op.operationId ?? `${method} ${path}`);
      const responses = new Map<string, () => ValidateFunction | undefined>();
      for (const [status, res] of Object.entries((op.responses ?? {}) as Record<string, Json>))
        responses.set(
          status,
          compile(jsonSchemaOf(deref(res)?.content), `${id} response ${status}`),
        );
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      const body = jsonSchemaOf(deref(op.requestBody as Json | undefined)?.content);
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        regex: new RegExp(`^${pattern}/?$`),
        request: compile(body, `${id} request`),
        statuses: [...responses.keys()],
        response: (status) => responses.get(status)?.(),
      });
    }
  }
  // Literal segments win over templated ones (/users/search before /users/{id}).
  const templated = (o: Operation) => o.path.match(/\{/g)?.length ?? 0;
  return operations.sort((a, b) => templated(a) - templated(b));
}

/** `checked`: the build already ran this check on the same bytes (scripts/cache-contracts.mjs), so it is skipped. */
export function compileContract(provider: string, document: Json, checked = false): Contract {
  const operations = operationsOf(document, schemaCompiler(provider, document, checked));
  const ids = new Map(operations.map((o) => [o.id, o]));
  return {
    provider,
    document,
    operations,
    match: (method, path) => operations.find((o) => o.method === method && o.regex.test(path)),
    byId: (id) => ids.get(id),
    checkRequest(operationId, body) {
      const validate = ids.get(operationId)?.request();
      if (!validate) return null;
      return validate(body) ? null : (validate.errors ?? []);
    },
    checkResponse(op, status, body) {
      const s = String(status);
      const key = [s, `${s[0]}XX`, 'default'].find((k) => op.statuses.includes(k));
      if (!key)
        return `${op.id}: status ${status} is not in the contract (has ${op.statuses.join(', ')})`;
      const validate = op.response(key);
      if (!validate || validate(body)) return null;
      return `${op.id} ${status}: ${ajvText(validate.errors)}`;
    },
    compileAll() {
      for (const op of operations) {
        op.request();
        for (const s of op.statuses) op.response(s);
      }
    },
  };
}

export function ajvText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
}

// Contracts are immutable once checked, so one per file serves every sandbox in the process
// (creating a sandbox per test must stay in the millisecond range).
const loaded = new Map<string, Contract>();

export function loadContract(provider: string, file: string): Contract {
  let contract = loaded.get(file);
  if (!contract) {
    const { document, checked } = parseContract(provider, readFileSync(file, 'utf8'));
    contract = compileContract(provider, document, checked);
    loaded.set(file, contract);
  }
  return contract;
}

/**
 * The YAML, or the build's JSON copy of it (scripts/cache-contracts.mjs) when that copy was made from
 * these exact bytes: parsing YAML and checking every schema are most of a cold start's contract work.
 * The copy says whether the build's compileContract passed its schemas (`checked`); one that did not
 * pass is checked again here, so the boot fails with the problem.
 */
function parseContract(provider: string, text: string): { document: Json; checked: boolean } {
  try {
    const cached = JSON.parse(
      readFileSync(resolve(PROJECT_ROOT, 'dist', 'contract-cache', `${provider}.json`), 'utf8'),
    ) as { sha256: string; checked?: boolean; document: Json };
    if (cached.sha256 === createHash('sha256').update(text).digest('hex'))
      return { document: cached.document, checked: cached.checked === true };
  } catch {
    // No build, or an older one: parse the YAML.
  }
  return {
    document: (requireCjs('js-yaml') as { load(text: string): unknown }).load(text) as Json,
    checked: false,
  };
}
