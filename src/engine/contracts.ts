// Contracts are data compiled once (stripe-mock, ajv's guide): each provider's OpenAPI 3.1 file is
// loaded, every request and response schema compiled with ajv, and a bad schema fails the boot.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// ajv-formats is CommonJS: under NodeNext its typings describe the module, not the plugin function.
type Plugin = (ajv: Ajv2020) => unknown;
const addFormats = (formatsPlugin as unknown as { default?: Plugin }).default ?? (formatsPlugin as unknown as Plugin);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Json = Record<string, unknown>;

export interface Operation {
  id: string;
  method: string;
  /** OpenAPI path template, e.g. /api/partner/v2/users/{userId}/kyc/verification-link */
  path: string;
  regex: RegExp;
  request?: ValidateFunction;
  responses: Map<string, ValidateFunction | null>;
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
}

function rewriteRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, base));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? `${base}${v.slice(21)}` : rewriteRefs(v, base);
  }
  return out;
}

const jsonSchemaOf = (content: unknown) =>
  (content as { 'application/json'?: { schema?: Json } } | undefined)?.['application/json']?.schema;

export function compileContract(provider: string, document: Json): Contract {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const base = `https://kyc-sandbox.local/${provider}/schemas/`;
  const components = ((document.components as Json | undefined)?.schemas ?? {}) as Json;
  for (const [name, schema] of Object.entries(components)) ajv.addSchema(rewriteRefs(schema, base) as Json, base + name);
  const compile = (schema: Json | undefined, where: string) => {
    if (!schema) return undefined;
    try {
      return ajv.compile(rewriteRefs(schema, base) as Json);
    } catch (err) {
      throw new Error(`contracts/${provider}/openapi.yaml: ${where}: ${(err as Error).message}`);
    }
  };

  // Response and request-body objects may be $refs into components (shared error responses).
  const deref = (node: Json | undefined): Json | undefined => {
    const ref = node?.$ref;
    if (typeof ref !== 'string') return node;
    const [, , group, name] = ref.split('/');
    const target = ((document.components as Json | undefined)?.[group] as Json | undefined)?.[name] as Json | undefined;
    if (!target) throw new Error(`contracts/${provider}/openapi.yaml: unresolved ${ref}`);
    return target;
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const id = String(op.operationId ?? `${method} ${path}`);
      const responses = new Map<string, ValidateFunction | null>();
      for (const [status, res] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        responses.set(status, compile(jsonSchemaOf(deref(res)?.content), `${id} response ${status}`) ?? null);
      }
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        regex: new RegExp(`^${pattern}/?$`),
        request: compile(jsonSchemaOf(deref(op.requestBody as Json | undefined)?.content), `${id} request`),
        responses,
      });
    }
  }
  // Literal segments win over templated ones (/users/search before /users/{id}).
  operations.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  const ids = new Map(operations.map((o) => [o.id, o]));

  return {
    provider,
    document,
    operations,
    match: (method, path) => operations.find((o) => o.method === method && o.regex.test(path)),
    byId: (id) => ids.get(id),
    checkRequest(operationId, body) {
      const validate = ids.get(operationId)?.request;
      if (!validate) return null;
      return validate(body) ? null : (validate.errors ?? []);
    },
    checkResponse(op, status, body) {
      const s = String(status);
      const key = [s, `${s[0]}XX`, 'default'].find((k) => op.responses.has(k));
      if (!key) return `${op.id}: status ${status} is not in the contract (has ${[...op.responses.keys()].join(', ')})`;
      const validate = op.responses.get(key);
      if (!validate || validate(body)) return null;
      return `${op.id} ${status}: ${ajvText(validate.errors)}`;
    },
  };
}

export function ajvText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
}

// Compiled contracts are immutable, so one compilation per file serves every sandbox in the process
// (creating a sandbox per test must stay in the millisecond range).
const compiled = new Map<string, Contract>();

export function loadContract(provider: string, file: string): Contract {
  let contract = compiled.get(file);
  if (!contract) {
    const text = readFileSync(file, 'utf8');
    contract = compileContract(provider, parseYaml(text) as Json);
    compiled.set(file, contract);
  }
  return contract;
}
