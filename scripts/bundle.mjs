// Build step: the compiled CLI and its dependencies in one file, dist/kyc-sandbox.mjs, so a start
// reads one module instead of resolving and loading ~150 (spawn → first 200 drops by ~100 ms).
// Loaded on demand and left out: faker (first fake data), ajv (first validation) and Pact (pact commands).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/run.js'],
  outfile: 'dist/kyc-sandbox.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@faker-js/*', '@pact-foundation/*', 'ajv', 'ajv/*', 'ajv-formats'],
  // CommonJS dependencies (pino) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
