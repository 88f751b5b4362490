// The three state backends for the cross-provider suites: memory, file: (a temporary directory per
// sandbox) and redis: (the run's one redis-server, test/global-setup.ts, a key prefix per sandbox).
// Call at the top level of a test file: it registers the hook that removes the directories.
// describeOnEachBackend() is the usual way in: the same block once per backend.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, inject } from 'vitest';
import { REDIS_SKIP_MESSAGE } from './redis-server.js';

export interface TestBackend {
  name: 'memory' | 'file' | 'redis';
  /** Skipped here (redis-server missing), with why. */
  skip: string | false;
  /** The --state of a fresh sandbox on this backend (call inside a test). */
  state(): string | undefined;
}

export function testBackends(): TestBackend[] {
  const dirs: string[] = [];
  const redis = inject('redisUrl');
  afterAll(() => {
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
      skip: redis ? false : REDIS_SKIP_MESSAGE,
      state: () => `${redis}?prefix=t${randomUUID().slice(0, 8)}:`,
    },
  ];
}

/**
 * `fn`'s tests once per backend, in a block titled "<title> on <backend> state"; a backend that is not
 * installed is skipped, saying why.
 */
export function describeOnEachBackend(title: string, fn: (backend: TestBackend) => void) {
  for (const backend of testBackends()) {
    if (backend.skip) console.warn(backend.skip);
    describe.skipIf(backend.skip)(`${title} on ${backend.name} state`.trimStart(), () =>
      fn(backend),
    );
  }
}
