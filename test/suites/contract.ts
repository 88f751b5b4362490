// The contract suite, for one provider: its contract compiles in ajv's strict mode (the boot only
// checks schemas; ajv compiles validators on first use, so this is where a schema ajv would reject
// is caught). test/contracts.test.ts runs it for every registered provider.
import { expect, it } from 'vitest';
import { loadContract, type ProviderModule } from '../../src/engine/index.js';
import { contractPathOf } from './contract-file.js';

export function contractSuite(provider: ProviderModule) {
  it(`compiles every validator of the ${provider.name} contract in strict mode`, () => {
    expect(() => loadContract(provider.name, contractPathOf(provider)).compileAll()).not.toThrow();
  });
}
