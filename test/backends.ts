// The three state backends for the cross-provider suites: memory, file: (a temporary directory per
// sandbox) and redis: (one redis-server per test file, a key prefix per sandbox). Call at the top
// level of a test file: it registers the hooks that start and stop what the backends need.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  redisAvailable,
  REDIS_SKIP_MESSAGE,
  startRedis,
  type RedisServer,
} from './redis-server.js';

export interface TestBackend {
  name: 'memory' | 'file' | 'redis';
  /** Skipped here (redis-server missing), with why. */
  skip: string | false;
  /** The --state of a fresh sandbox on this backend (call inside a test). */
  state(): string | undefined;
}

export function testBackends(): TestBackend[] {
  const dirs: string[] = [];
  let redis: RedisServer | undefined;
  let base: string | undefined;
  beforeAll(async () => {
    if (!redisAvailable) return;
    redis = await startRedis();
    base = await redis.url();
  });
  afterAll(async () => {
    await redis?.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return [
    { name: 'memory', skip: false, state: () => undefined },
    {
      name: 'file',
      skip: false,
      state() {
        const dir = mkdtempSync(join(tmpdir(), 'kyc-suite-'));
        dirs.push(dir);
        return `file:${dir}`;
      },
    },
    {
      name: 'redis',
      skip: redisAvailable ? false : REDIS_SKIP_MESSAGE,
      state: () => `${base}?prefix=t${randomUUID().slice(0, 8)}:`,
    },
  ];
}
