// Webhook delivery that trusts extra CA certificates (a receiver behind a private CA) in a process
// whose Node was started without NODE_EXTRA_CA_CERTS. Node 20 parses its whole certificate store
// at every start when that variable is set (nodejs/node#40524; ~35 ms of a ~210 ms sandbox start on
// the benchmark machine), and webhook delivery is the sandbox's only TLS client. So bin/kyc-sandbox
// hands the variable over as KYC_SANDBOX_EXTRA_CA_CERTS, and the certificates are read here at the
// first https delivery: Node's bundled roots plus the file, as NODE_EXTRA_CA_CERTS would have given.
import { readFileSync } from 'node:fs';
import type { WebhookFetch } from './queue.js';

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

export function fetchTrustingExtraCa(file: string): WebhookFetch {
  let client: ReturnType<typeof load> | undefined;
  const load = async () => {
    const [https, tls] = await Promise.all([import('node:https'), import('node:tls')]);
    let extra: string[] = [];
    try {
      extra = [readFileSync(file, 'utf8')];
    } catch (err) {
      // Node's own words and behaviour for an unreadable NODE_EXTRA_CA_CERTS: warn, keep the bundled roots.
      process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(err as Error).message}`);
    }
    return { request: https.request, agent: new https.Agent({ ca: [...tls.rootCertificates, ...extra] }) };
  };
  return async (url, init) => {
    if (!url.startsWith('https:')) return fetch(url, init);
    const { request, agent } = await (client ??= load());
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init.method, headers: init.headers, signal: init.signal, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode!;
          try {
            resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status }));
          } catch (err) {
            reject(err as Error); // a status Response refuses, such as 600
          }
        });
      });
      req.on('error', reject);
      req.end(init.body);
    });
  };
}
