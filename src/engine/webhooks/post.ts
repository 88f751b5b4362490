// How a webhook attempt goes out: one POST over node:http or node:https (loaded at the first https
// delivery). Redirects are not followed (a 3xx is a failed attempt, as vendors count it). A receiver
// behind a private CA: NODE_EXTRA_CA_CERTS, as for any Node program.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { isIP } from 'node:net';

/** A webhook POST; the sandbox's own (webhookPost) or a test's. The global fetch is one. */
export type WebhookPost = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<Response>;

type Request = (
  url: string,
  options: RequestOptions,
  done: Parameters<typeof httpRequest>[2],
) => ReturnType<typeof httpRequest>;

/** How much of a receiver's answer is read; the rest is never received. */
export const RESPONSE_CAP = 64 * 1024;
/** Set on the Response when the receiver's answer was cut at RESPONSE_CAP. */
export const TRUNCATED_HEADER = 'x-kyc-sandbox-truncated';

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Which resolved addresses a delivery may connect to: `blocked(host, address)` says why not, or
 * null. Checked in the connection's own DNS lookup, so the address checked is the one used.
 */
export interface TargetPolicy {
  blocked(host: string, address: string): string | null;
}

export function webhookPost(policy?: TargetPolicy): WebhookPost {
  let https: Promise<Request> | undefined;
  return async (url, init) => {
    // An address written in the URL is never looked up: checked here instead.
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const why = policy && isIP(host) ? policy.blocked(host, host) : null;
    if (why) throw Object.assign(new Error(why), { code: 'EWEBHOOKTARGET' });
    const request = url.startsWith('https:')
      ? await (https ??= import('node:https').then((m) => m.request as Request))
      : (httpRequest as Request);
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method,
          headers: init.headers,
          signal: init.signal,
          lookup: lookupFor(policy),
        },
        (res) => {
          // A receiver's answer is read up to a cap: a huge error page costs nothing to keep.
          const chunks: Buffer[] = [];
          let size = 0;
          const answer = (truncated: boolean) => {
            const status = res.statusCode!;
            const headers = truncated ? { [TRUNCATED_HEADER]: String(RESPONSE_CAP) } : undefined;
            try {
              const body = NULL_BODY.has(status) ? null : Buffer.concat(chunks);
              resolve(new Response(body, { status, headers }));
            } catch (err) {
              reject(err as Error); // a status Response refuses, such as 600
            }
          };
          res.on('data', (chunk: Buffer) => {
            if (size >= RESPONSE_CAP) return;
            size += chunk.length;
            chunks.push(
              size > RESPONSE_CAP ? chunk.subarray(0, chunk.length - (size - RESPONSE_CAP)) : chunk,
            );
            if (size >= RESPONSE_CAP) {
              answer(true);
              res.destroy();
            }
          });
          res.on('error', (err) => (size >= RESPONSE_CAP ? undefined : reject(err)));
          res.on('end', () => answer(false));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  };
}

/** A DNS lookup that refuses addresses the policy blocks (undefined: Node's own lookup). */
function lookupFor(policy: TargetPolicy | undefined): RequestOptions['lookup'] {
  if (!policy) return undefined;
  return ((host: string, options: object, done: (...args: unknown[]) => void) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return done(err);
      for (const a of addresses) {
        const why = policy.blocked(host, a.address);
        if (why) return done(Object.assign(new Error(why), { code: 'EWEBHOOKTARGET' }));
      }
      const all = (options as { all?: boolean }).all;
      if (all) return done(null, addresses);
      done(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as RequestOptions['lookup'];
}
