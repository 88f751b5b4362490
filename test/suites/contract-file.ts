// Where a provider's OpenAPI contract is: its own `contractFile`, else contracts/<name>/openapi.yaml
// (the rule createSandbox follows), so a suite reads the same file the sandbox validates against.
import { contractFile, loadContract, type ProviderModule } from '../../src/engine/index.js';

export const contractPathOf = (provider: ProviderModule): string =>
  provider.contractFile ?? contractFile(provider.name);

export const contractOf = (provider: ProviderModule) =>
  loadContract(provider.name, contractPathOf(provider));
