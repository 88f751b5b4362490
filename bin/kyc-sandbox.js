#!/usr/bin/env node
// The published command: runs the compiled CLI (npm install builds it via the prepare script).
import { cli } from '../dist/cli/index.js';

const code = await cli(process.argv.slice(2));
if (code !== undefined) process.exit(code);
