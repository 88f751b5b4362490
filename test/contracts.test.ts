// The contract suite (test/suites/contract.ts) over every registered provider's contract. Once, not
// per state backend (test/backends.ts): it compiles the contracts, with no sandbox to keep state.
import { describe } from 'vitest';
import { providers } from '../src/providers/index.js';
import { contractSuite } from './suites/contract.js';

describe('contracts', () => {
  for (const provider of providers) contractSuite(provider);
});
