// The request target as the client sent it, checked before any URL parser normalises it: a dot
// segment ("..", "%2e%2e", ".%2E") or a backslash would let a path under a provider's prefix
// resolve elsewhere (/capa/%2e%2e/_sandbox/… into the admin API), so a reverse proxy that exposes
// only /capa/ would expose more. Such a target is refused with a 400.
import type { RequestListener } from 'node:http';

const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

export function isTraversal(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0];
  return path.includes('\\') || /%5c/i.test(path) || DOT_SEGMENT.test(path);
}

export function refuseTraversal(listener: RequestListener): RequestListener {
  return (req, res) => {
    if (!isTraversal(req.url ?? '/')) return listener(req, res);
    const body = JSON.stringify({
      error: {
        type: 'sandbox_error',
        code: 'bad_path',
        message: 'A path may not hold dot segments or backslashes',
        hint: 'send the path as a client would after resolving it',
      },
    });
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json', connection: 'close' }).end(body);
  };
}
