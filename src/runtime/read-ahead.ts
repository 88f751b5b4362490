// Bodies read ahead of the app, within a limit. A listening server reads a request's body before
// Hono sees the request and leaves it where node-server serves c.req.text() from (rawBody), so the
// provider pipeline has it at once, without a promise in between. A body over the limit, declared
// or streamed (chunked), is never held: the request is marked tooLarge as soon as the limit is
// passed and the rest is discarded as it arrives, so a huge upload costs no memory.
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Context } from 'hono';

type ReadAhead = IncomingMessage & { rawBody?: Buffer; tooLarge?: boolean };

export function readAhead(limit: number, listener: RequestListener): RequestListener {
  return (req: ReadAhead, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') return listener(req, res);
    if (Number(req.headers['content-length']) > limit) return refuse(req, res, listener);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      refuse(req, res, listener);
    };
    const onEnd = () => {
      req.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      listener(req, res);
    };
    req.on('data', onData).on('end', onEnd);
  };
}

/** Marks the request too large, discards what is left of its body, and lets the app answer 413. */
function refuse(req: ReadAhead, res: Parameters<RequestListener>[1], listener: RequestListener) {
  req.tooLarge = true;
  req.rawBody = Buffer.alloc(0);
  req.resume();
  listener(req, res);
}

const utf8 = new TextDecoder(); // as Request.text() decodes: invalid bytes replaced, a leading BOM dropped

/**
 * The body readAhead read for this request, measured against `limit`: its text, or TOO_LARGE (over
 * the limit, or over the server's own while it streamed in); undefined when nothing was read ahead
 * (in process, GET). No object per request: the hot path allocates only the text.
 */
export function bodyReadAhead(c: Context, limit: number): string | typeof TOO_LARGE | undefined {
  const incoming = (c.env as { incoming?: ReadAhead } | undefined)?.incoming;
  if (incoming?.tooLarge) return TOO_LARGE;
  const raw = incoming?.rawBody;
  if (!(raw instanceof Buffer)) return undefined;
  return raw.length > limit ? TOO_LARGE : utf8.decode(raw);
}

export const TOO_LARGE = Symbol('body over the limit');

/** Whether the body read ahead is over `limit` (or went over the server's own), without decoding it. */
export function overLimit(c: Context, limit: number): boolean {
  const incoming = (c.env as { incoming?: ReadAhead } | undefined)?.incoming;
  return !!incoming?.tooLarge || (incoming?.rawBody?.length ?? 0) > limit;
}
