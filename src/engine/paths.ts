// Where the project's data folders are, from source (src/engine) and from the build (dist/engine) alike.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const contractFile = (provider: string) => resolve(PROJECT_ROOT, 'contracts', provider, 'openapi.yaml');
export const fixturesDir = (provider: string) => resolve(PROJECT_ROOT, 'fixtures', provider);
