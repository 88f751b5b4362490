// Bodies read ahead of the app: a listening server reads a body of declared length within the
// limit before Hono sees the request, and leaves it where node-server serves c.req.text() from
// (rawBody). The provider pipeline then has the body at once, without a promise in between.
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Context } from 'hono';

type ReadAhead = IncomingMessage & { rawBody?: Buffer };

/**
 * A request listener that reads a body of declared length up to limit before passing the request
 * on. Anything else (GET, no content-length, over the limit) goes straight through, and the
 * pipeline reads or refuses it.
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
