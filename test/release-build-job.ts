// Run by test/release-build.ts in a process of its own: builds the Dockerfile into <dir>/image, then
// writes <dir>/result.json, { out, stages } or { error }, in one rename (readers never see half).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildWithoutDocker } from './dockerfile.js';

const root = resolve(import.meta.dirname, '..');
const dir = process.argv[2]!;
const out = join(dir, 'image');
mkdirSync(out, { recursive: true });
let result: unknown;
try {
  result = { out, stages: await buildWithoutDocker(root, join(root, 'Dockerfile'), out) };
} catch (err) {
  result = { error: (err as Error).message };
}
writeFileSync(join(dir, 'result.json.tmp'), JSON.stringify(result));
renameSync(join(dir, 'result.json.tmp'), join(dir, 'result.json'));
