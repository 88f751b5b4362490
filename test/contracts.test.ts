// The contract suite (test/suites/contract.ts) over every registered provider's contract.
import { describe } from 'vitest';
import { providers } from '../src/providers/index.js';
import { contractSuite } from './suites/contract.js';

describe('contracts', () => {
  for (const provider of providers) contractSuite(provider);
});
