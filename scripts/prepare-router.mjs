// Build step: Hono's RegExpRouter matcher prepared for the paths a default sandbox registers, written
// to dist/router-params.cjs, so a start does not build it on its first request (src/engine/router.ts).
import { writeFileSync } from 'node:fs';
import { buildInitParams, serializeInitParams } from 'hono/router/reg-exp-router';
import { createSandbox } from '../dist/sandbox.js';
import { PREPARED_ROUTES_FILE } from '../dist/engine/router.js';

const paths = [...new Set(createSandbox().app.routes.map((r) => r.path))];
writeFileSync(
  PREPARED_ROUTES_FILE,
  `// Written by scripts/prepare-router.mjs: Hono's prepared matcher for these paths.\nmodule.exports = { paths: ${JSON.stringify(paths)}, params: () => ${serializeInitParams(buildInitParams({ paths }))} };\n`,
);
