import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWithoutDocker, start } from './dockerfile.js';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'kyc-docker-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Dockerfile', () => {
  it('builds in stages, runs as a non-root user, exposes the port, and the started server answers', { timeout: 240_000 }, async () => {
    const stages = buildWithoutDocker(root, join(root, 'Dockerfile'), out);
    const runtime = stages.at(-1)!;
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.user).toBeTruthy();
    expect(runtime.user).not.toMatch(/^(root|0)$/);
    expect(runtime.expose).toContain(runtime.env.KYC_SANDBOX_PORT);

    // Same CMD and ENV as the image; only the port is moved off 4010 so it cannot clash here.
    const child = start(runtime, { KYC_SANDBOX_PORT: '0', KYC_SANDBOX_HOST: '127.0.0.1', KYC_SANDBOX_LOG_LEVEL: 'warn' });
    try {
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      const until = Date.now() + 20_000;
      while (!/listening on (http:\/\/\S+)/.test(out) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      expect(url, out).toBeTruthy();
      const health = await fetch(`${url}/_sandbox/health`);
      expect(health.status).toBe(200);
      expect((await health.json()).status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
