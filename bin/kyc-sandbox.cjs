#!/usr/bin/env node
// The kyc-sandbox command (npm start and the Dockerfile run it too): the bundled CLI on this Node,
// wherever npm runs (Windows included).
require('../dist/kyc-sandbox.cjs');
