// Runs before every test file (vitest.config.ts setupFiles): hooks every file needs, registered per
// file because workers share modules across files (isolate: false).
import { afterEach } from 'vitest';
import { closeTestSandboxes } from './helpers.js';

afterEach(closeTestSandboxes);
