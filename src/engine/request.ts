// Reading a request body: ahead of the app on a listening server (readAhead), and the way vendors
// do, JSON only with the reason when it is not usable, so each provider answers with its own
// documented error rather than a crash.
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Context } from 'hono';
import type { ProviderEnv } from './define-provider.js';

type ReadAhead = IncomingMessage & { rawBody?: Buffer };

/**
 * A request listener that reads a body of declared length up to limit before passing the request
 * on, and leaves it where node-server looks for a body already read (rawBody, which it then serves
 * c.req.text() from): the provider pipeline has the body at once. Anything else (GET, no
 * content-length, over the limit) goes straight through, and the pipeline reads or refuses it.
 */
export function readAhead(limit: number, listener: RequestListener): RequestListener {
  return (req: ReadAhead, res) => {
    if (
      req.method === 'GET' ||
      req.method === 'HEAD' ||
      !(Number(req.headers['content-length']) <= limit)
    )
      return listener(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      req.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      listener(req, res);
    });
  };
}

const utf8 = new TextDecoder(); // as Request.text() decodes: invalid bytes replaced, a leading BOM dropped

/** The body readAhead read for this request, as text; undefined when it did not (in process, GET, too large…). */
export function bodyReadAhead(c: Context): string | undefined {
  const raw = (c.env as { incoming?: ReadAhead } | undefined)?.incoming?.rawBody;
  return raw instanceof Buffer ? utf8.decode(raw) : undefined;
}

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
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: 'not-an-object' };
  return { ok: true, value: value as Record<string, unknown> };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** A redirect URI with the vendor's query parameters appended (custom schemes such as myapp:// included). */
export function withQuery(uri: string, params: Record<string, string>): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
}
