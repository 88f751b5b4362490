// Runs the CLI with this process's arguments and exits with its code (bin/kyc-sandbox.js loads the build of this file).
import { cli } from './index.js';

const code = await cli(process.argv.slice(2));
if (code !== undefined) process.exit(code);
