#!/usr/bin/env node
// The published command: runs the bundled CLI (npm install builds it through the prepare script).
import '../dist/kyc-sandbox.mjs';
