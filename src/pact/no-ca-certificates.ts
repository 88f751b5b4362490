// Pact's native verifier builds an HTTP client for every request it sends (each state call and the
// replayed request: ~3 an interaction), and every build reads the system's CA certificates
// (SSL_CERT_FILE and SSL_CERT_DIR, else every file in /etc/ssl/certs: ~300 files parsed on Debian),
// two thirds of a verification's CPU. The harness speaks plain HTTP to 127.0.0.1 only, so while a
// verification runs both name an empty set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NAMES = ['SSL_CERT_FILE', 'SSL_CERT_DIR'] as const;
let running = 0;
let saved: Partial<Record<(typeof NAMES)[number], string>> = {};
let dir = '';

function set(value: (typeof NAMES)[number], to: string | undefined) {
  if (to === undefined) delete process.env[value];
  else process.env[value] = to;
}

/** Runs `verify` with no CA certificates in reach of the native verifier (nested runs share one set). */
export async function withoutCaCertificates<T>(verify: () => Promise<T>): Promise<T> {
  if (running++ === 0) {
    dir = mkdtempSync(join(tmpdir(), 'kyc-no-ca-'));
    writeFileSync(join(dir, 'none.pem'), '');
    mkdirSync(join(dir, 'certs'));
    saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
    set('SSL_CERT_FILE', join(dir, 'none.pem'));
    set('SSL_CERT_DIR', join(dir, 'certs'));
  }
  try {
    return await verify();
  } finally {
    if (--running === 0) {
      for (const n of NAMES) set(n, saved[n]);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
