// Test helpers: an isolated sandbox per test (frozen clock, every response checked against its
// contract), a small HTTP client over app.request(), and a local webhook receiver.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';

const open: Sandbox[] = [];

/**
 * After each test (test/setup.ts): every sandbox testSandbox() made is closed, and none answered
 * outside its contract. Registered from the setup file, which runs before every test file: a hook
 * registered here would run only in the first file of each worker, since workers share this module
 * across files (isolate: false).
 */
export async function closeTestSandboxes() {
  for (const sb of open.splice(0)) {
    expect(sb.contractViolations, 'every response must conform to its contract').toEqual([]);
    await sb.close();
  }
}

export function testSandbox(opts: SandboxOptions = {}): Sandbox {
  const sb = createSandbox({
    validateResponses: true,
    clock: { mode: 'frozen' },
    publicUrl: 'http://sandbox.test',
    ...opts,
  });
  open.push(sb);
  return sb;
}

/**
 * A response body as JSON.parse returns it: `any` in all but name (JSON.parse's own return type).
 * The providers' behaviour tests (src/providers/*) read fields from call()'s body without casts, so
 * the default stays this loose until they pass T; new tests should call<T>() with the shape.
 */
export type ParsedJson = ReturnType<typeof JSON.parse>;

export interface Reply<T = ParsedJson> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export async function call<T = ParsedJson>(
  sb: Sandbox,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; json?: unknown; body?: string } = {},
): Promise<Reply<T>> {
  const headers = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await sb.app.request(path, { method, headers, body });
  const text = await res.text();
  // Webhooks go out in the background; a test reads its receiver once those the call started
  // are done, as a client's test would wait for its receiver.
  if (method !== 'GET') await sb.webhooks.flush();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

// A private CA (its key thrown away) and the certificate it signed for 127.0.0.1, valid to 2126.
const TLS = resolve(import.meta.dirname, 'fixtures/tls');
export const TEST_CA = resolve(TLS, 'ca.crt');
export const RECEIVER_TLS = {
  key: readFileSync(resolve(TLS, 'receiver.key'), 'utf8'),
  cert: readFileSync(resolve(TLS, 'receiver.crt'), 'utf8'),
};

/**
 * A webhook receiver on 127.0.0.1 that answers `failFirst` requests with 500, then 200; with `tls`,
 * over https with that key and certificate.
 */
export async function receiver(
  opts: { failFirst?: number; tls?: { key: string; cert: string } } = {},
) {
  const received: Received[] = [];
  let failures = opts.failFirst ?? 0;
  const listener: RequestListener = (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failures > 0) {
        failures--;
        res.writeHead(500).end('receiver down');
      } else res.writeHead(200).end('ok');
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, listener) : createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    setFailures: (n: number) => (failures = n),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
