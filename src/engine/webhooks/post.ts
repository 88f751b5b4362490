// How a webhook attempt goes out: one POST over node:http or node:https. Redirects are not followed
// (a 3xx is a failed attempt, as vendors count it), and the response is read whole.
//
// extraCaFile: CA certificates an https receiver may use besides Node's bundled roots (a receiver
// behind a private CA). Node 20 parses its whole certificate store at every start when
// NODE_EXTRA_CA_CERTS is set (nodejs/node#40524; ~35 ms of a ~210 ms sandbox start on the benchmark
// machine), and webhook delivery is the sandbox's only TLS client. So bin/kyc-sandbox hands that
// variable over as KYC_SANDBOX_EXTRA_CA_CERTS, and the file is read here at the first https
// delivery: the same trust the variable would have given.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type Agent, type RequestOptions } from 'node:http';

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

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

export function webhookPost(extraCaFile?: string): WebhookPost {
  let https: Promise<{ request: Request; agent: Agent | undefined }> | undefined;
  const loadHttps = async () => {
    const { request, Agent } = await import('node:https');
    if (!extraCaFile) return { request, agent: undefined };
    let extra: string[] = [];
    try {
      extra = [readFileSync(extraCaFile, 'utf8')];
    } catch (err) {
      // Node's own words and behaviour for an unreadable NODE_EXTRA_CA_CERTS: warn, keep the bundled roots.
      process.emitWarning(
        `Ignoring extra certs from \`${extraCaFile}\`, load failed: ${(err as Error).message}`,
      );
    }
    const { rootCertificates } = await import('node:tls');
    return { request, agent: new Agent({ ca: [...rootCertificates, ...extra] }) };
  };
  return async (url, init) => {
    const { request, agent } = url.startsWith('https:')
      ? await (https ??= loadHttps())
      : { request: httpRequest as Request, agent: undefined };
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        { method: init.method, headers: init.headers, signal: init.signal, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode!;
            try {
              resolve(
                new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status }),
              );
            } catch (err) {
              reject(err as Error); // a status Response refuses, such as 600
            }
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  };
}
