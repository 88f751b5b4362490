// Fixtures are data in fixtures/<provider>/: read once per file, parsed as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixturesDir } from './paths.js';

const cache = new Map<string, unknown>();

export function readFixture<T>(provider: string, file: string): T {
  const path = resolve(fixturesDir(provider), file);
  if (!cache.has(path)) cache.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return cache.get(path) as T;
}
