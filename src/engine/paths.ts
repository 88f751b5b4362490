// Where the project's data folders are: the nearest folder above this module that holds contracts/
// (src/engine, dist/engine and the bundled dist/kyc-sandbox.cjs all sit below it).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'contracts')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const contractFile = (provider: string) =>
  resolve(PROJECT_ROOT, 'contracts', provider, 'openapi.yaml');
export const fixturesDir = (provider: string) => resolve(PROJECT_ROOT, 'fixtures', provider);
