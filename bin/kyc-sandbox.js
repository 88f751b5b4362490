#!/usr/bin/env node
// The published command: runs the compiled CLI (npm install builds it through the prepare script).
import '../dist/cli/run.js';
