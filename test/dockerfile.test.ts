// The Dockerfile, built without Docker (test/dockerfile.ts) by the run's background build
// (test/release-build.ts), and the image it makes started on the host's Node.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { KEY } from '../src/providers/capa/testing.js';
import { start, type Stage } from './dockerfile.js';
import { RECEIVER_TLS, receiver, TEST_CA } from './helpers.js';
import { releaseBuild } from './release-build.js';

const root = resolve(import.meta.dirname, '..');
let out: string;
let stages: Stage[];
let runtime: Stage;
beforeAll(async () => {
  ({ out, stages } = await releaseBuild(inject('releaseBuild')));
  runtime = stages.at(-1)!;
}, 300_000);

/** The image's CMD with its ENV (only the port moved off 4010, so it cannot clash here); resolves with the URL it listens on. */
async function startImage(env: Record<string, string> = {}) {
  const child = start(runtime, {
    KYC_SANDBOX_PORT: '0',
    KYC_SANDBOX_HOST: '127.0.0.1',
    KYC_SANDBOX_LOG_LEVEL: 'warn',
    ...env,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = Date.now() + 20_000;
  while (!/listening on (http:\/\/\S+)/.test(out) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  if (!url) child.kill('SIGTERM');
  expect(url, out).toBeTruthy();
  return { child, url: url!, output: () => out };
}

describe('Dockerfile', () => {
  it('builds on a maintained Node LTS, bakes no public URL, and labels the image', () => {
    const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect([...text.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]))).toEqual([24, 24]);
    expect(runtime.env.KYC_SANDBOX_PUBLIC_URL).toBeUndefined();
    expect(runtime.labels['org.opencontainers.image.title']).toBe('kyc-sandbox');
    expect(runtime.labels['org.opencontainers.image.licenses']).toBe('MIT');
  });

  it('has a HEALTHCHECK that passes against the started image and fails when nothing answers', async () => {
    const [cmd, ...args] = runtime.healthcheck!;
    const probe = (port: string) =>
      new Promise<number>((done) =>
        spawn(cmd!, args, {
          env: { ...process.env, KYC_SANDBOX_PORT: port },
          stdio: 'ignore',
        }).once('exit', (code) => done(code ?? 1)),
      );
    const { child, url } = await startImage();
    try {
      expect(await probe(new URL(url).port)).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await probe('9')).toBe(1);
  });

  it("runs npm with a cache of its own inside the build folder, never the machine's", () => {
    // The runtime stage ends with `npm cache clean --force`: on the machine's cache that would wipe it.
    expect(readdirSync(join(out, '.npm-cache'))).not.toEqual([]);
  });

  it('builds in stages, runs as a non-root user, exposes the port, and the started server answers', async () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.user).toBeTruthy();
    expect(runtime.user).not.toMatch(/^(root|0)$/);
    expect(runtime.expose).toContain(runtime.env.KYC_SANDBOX_PORT);
    const { child, url } = await startImage();
    try {
      const health = await fetch(`${url}/_sandbox/health`);
      expect(health.status).toBe(200);
      expect((await health.json()).status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  });

  // The CMD runs bin/kyc-sandbox.cjs, the command npm start and an npm install run as well.
  it('delivers webhooks to a receiver behind a CA given as NODE_EXTRA_CA_CERTS', async () => {
    expect(runtime.cmd).toEqual([
      'node',
      '--max-semi-space-size=8',
      'bin/kyc-sandbox.cjs',
      'serve',
    ]);
    const hook = await receiver({ tls: RECEIVER_TLS });
    const { child, url, output } = await startImage({ NODE_EXTRA_CA_CERTS: TEST_CA });
    try {
      const capa = (method: string, path: string, body: unknown) =>
        fetch(`${url}/capa/api/partner/v2${path}`, {
          method,
          headers: { 'partner-api-key': KEY, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (
          await capa('PUT', '/webhook-settings', {
            url: hook.url,
            secret: 'a-partner-chosen-secret-123',
          })
        ).status,
      ).toBe(200);
      const { userId } = (
        await (
          await capa('POST', '/users', { type: 'INDIVIDUAL', email: 'tls@example.com' })
        ).json()
      ).data;
      const { kycLink } = (
        await (
          await capa('POST', `/users/${userId}/kyc/verification-link`, { country: 'MX' })
        ).json()
      ).data;
      const session = kycLink.split('/').pop();
      const moved = await fetch(`${url}/_sandbox/sessions/${session}/transition`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"state":"VERIFIED"}',
      });
      expect(moved.status).toBe(200);
      const until = Date.now() + 10_000;
      while (hook.received.length < 2 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      expect(hook.received.map((r) => JSON.parse(r.body).event).sort(), output()).toEqual([
        'CREATED_KYC',
        'VERIFIED_USER',
      ]);
    } finally {
      child.kill('SIGTERM');
      await hook.close();
    }
  });
});
