// Every provider's contract compiles in ajv's strict mode (the boot only checks schemas; ajv
// compiles validators on first use, so this is where a schema ajv would reject is caught).
import { describe, expect, it } from 'vitest';
import { contractFile, loadContract } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';

describe('contracts', () => {
  it.each(providers.map((p) => [p.name]))(
    'compiles every validator of the %s contract in strict mode',
    (name) => {
      expect(() => loadContract(name, contractFile(name)).compileAll()).not.toThrow();
    },
  );
});
