// Runs the CLI with this process's arguments and exits with its code (the build bundles it into dist/kyc-sandbox.mjs, which bin/kyc-sandbox.js loads).
import { cli } from './index.js';

const code = await cli(process.argv.slice(2));
if (code !== undefined) process.exit(code);
