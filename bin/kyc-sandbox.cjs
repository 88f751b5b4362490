#!/usr/bin/env -S node --max-semi-space-size=8
// The published command: runs the bundled CLI (npm install builds it through the prepare script).
// The flag caps V8's young generation at 2 x 8 MB instead of 2 x 16 MB: a sandbox keeps what it
// creates, and the smaller nursery holds its RSS ~15 MB lower at the same throughput
// (docs/decisions/004-performance-status.md). npm start, the Dockerfile and the benchmark pass the same flag.
require('../dist/kyc-sandbox.cjs');
