// Build step: the compiled CLI and its dependencies in one CommonJS file, dist/kyc-sandbox.cjs, so a
// start reads one module instead of resolving and loading ~150 (spawn → first 200 drops by ~100 ms),
// and through Node's CommonJS loader, which reaches its first line 12–30 ms sooner than the ES module loader.
// Loaded on demand and left out: faker (first fake data), ajv (first validation), Pact (pact commands)
// and pino-pretty (logs on a terminal).
// The tests bundle the sources the same way, once a run (test/global-setup.ts), for the CLI processes
// they start: `--entry src/cli/run.ts --outfile <temp file> --as dist/kyc-sandbox.cjs`, where --as is
// the file the bundle's modules take for their own location (they find the project's folders and
// require their lazy dependencies from it), so a bundle in a temp folder runs as one in dist/.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values: args } = parseArgs({
  options: {
    entry: { type: 'string', default: 'dist/cli/run.js' },
    outfile: { type: 'string', default: 'dist/kyc-sandbox.cjs' },
    as: { type: 'string' },
  },
});
const location = args.as
  ? JSON.stringify(pathToFileURL(resolve(args.as)).href)
  : "require('node:url').pathToFileURL(__filename).href";

// The sandbox serves HTTP/1.1 only (sandbox.listen hands node:http's createServer to @hono/node-server),
// so node-server's `instanceof Http2ServerRequest` checks are always false: an empty class answers
// them the same without loading node:http2 at every start (6–9 ms).
const http1Only = {
  name: 'http1-only',
  setup(b) {
    b.onResolve({ filter: /^(node:)?http2$/ }, () => ({ path: 'http2', namespace: 'http1-only' }));
    b.onLoad({ filter: /.*/, namespace: 'http1-only' }, () => ({
      contents: 'export class Http2ServerRequest {}\nexport const constants = {};',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [args.entry],
  outfile: args.outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@faker-js/*', '@pact-foundation/*', 'ajv', 'ajv/*', 'ajv-formats', 'pino-pretty'],
  plugins: [http1Only],
  // The modules find the project's folders and require their lazy dependencies from import.meta.url.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: `const __bundleUrl = ${location};` },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
