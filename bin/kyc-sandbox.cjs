#!/usr/bin/env -S node --max-semi-space-size=8
// The kyc-sandbox command (npm start and the Dockerfile run it too): the bundled CLI on this Node,
// wherever npm runs (npm's Windows shim reads the same first line). --max-semi-space-size=8 keeps
// V8's young generation at 2 x 8 MB: a sandbox keeps what it creates, and the smaller nursery holds
// its memory lower at the same throughput (docs/decisions/004-performance-status.md).
require('../dist/kyc-sandbox.cjs');
