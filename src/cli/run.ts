// Runs the CLI with this process's arguments and exits with its code (the build bundles it into
// dist/kyc-sandbox.cjs, which bin/kyc-sandbox runs).
import { setFlagsFromString } from 'node:v8';
import { cli } from './index.js';

// A sandbox keeps every record it creates, so request-scoped objects and stored records come from the
// same allocation sites. V8's allocation-site pretenuring then sometimes decides, from an early
// sample, to allocate request garbage straight into the old generation: every young GC then promotes
// megabytes that die at the next full GC, throughput drops by a quarter and p99 doubles for the
// rest of the process (docs/decisions/004-performance-status.md).
setFlagsFromString('--no-allocation-site-pretenuring');

void cli(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exit(code);
});
