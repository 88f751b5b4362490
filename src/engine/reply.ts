// How a provider handler answers with JSON: like Hono's c.json, and the pipeline keeps the object
// and its text, so the journal and the contract check never read the body back.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProviderEnv } from './define-provider.js';

const JSON_HEADERS = Object.freeze({ 'Content-Type': 'application/json' });

export function reply(
  c: Context<ProviderEnv>,
  body: unknown,
  status: ContentfulStatusCode = 200,
  headers?: Record<string, string>,
): Response {
  const text = JSON.stringify(body);
  c.set('rendered', { body, text });
  return c.body(
    text,
    status,
    headers ? { 'Content-Type': 'application/json', ...headers } : JSON_HEADERS,
  );
}
