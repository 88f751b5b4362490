// Reading a request body the way vendors do: JSON only, checked against the contract schema of the
// operation the pipeline matched, with the reason when it is not usable, so each provider answers
// with its own documented error rather than a crash.
import type { ErrorObject } from 'ajv';
import type { Context } from 'hono';
import type { ProviderEnv } from './define-provider.js';
import { SandboxError } from './errors.js';

export type BodyProblem =
  | { reason: 'content-type' | 'malformed' | 'not-an-object' }
  | { reason: 'schema'; errors: ErrorObject[] };

export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: 'content-type' | 'malformed' | 'not-an-object' };

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/** The JSON object body the provider pipeline read for this request, or why it is not usable. */
export function requestJsonObject(c: Context<ProviderEnv>): BodyResult {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? ''))
    return { ok: false, reason: 'content-type' };
  let value: unknown;
  try {
    value = JSON.parse(c.get('requestText') ?? '');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // Deeper than any vendor body: refused as malformed, before anything can store or copy it.
  if (depthOver(value, MAX_JSON_DEPTH)) return { ok: false, reason: 'malformed' };
  if (!isObject(value)) return { ok: false, reason: 'not-an-object' };
  return { ok: true, value };
}

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than max (iterative: no stack to overflow). */
export function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node))
      if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Binds a provider's answer to an unusable body: `const validateBody = bodyValidator(reject)`, then
 * a handler calls `validateBody(c)` and gets the JSON object body, checked against the request
 * schema of the operation the pipeline matched (no operation id restated in the handler).
 */
export function bodyValidator(reject: (problem: BodyProblem) => Error) {
  return (c: Context<ProviderEnv>): Record<string, unknown> => {
    const body = requestJsonObject(c);
    if (!body.ok) throw reject(body);
    const operation = c.get('operation');
    const errors = operation ? c.get('kit').contract.checkRequest(operation, body.value) : null;
    if (errors) throw reject({ reason: 'schema', errors });
    return body.value;
  };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** A redirect URI with the vendor's query parameters appended (custom schemes such as myapp:// included). */
export function withQuery(uri: string, params: Record<string, string>): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
}

/**
 * The JSON object body of an admin call (an empty body is {}), or a sandbox 400 with a hint: one
 * reading for the admin API and every provider's operator routes.
 */
export async function adminJson(
  c: Context,
  hint = 'send Content-Type: application/json and a {...} body',
): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (isObject(v)) return v;
  } catch {
    /* falls through */
  }
  throw new SandboxError(400, 'bad_json', 'The admin API takes a JSON object body', hint);
}
