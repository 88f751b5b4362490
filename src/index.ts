// The package's public entry: createSandbox and the types of its one surface. Importing it starts
// nothing; `kyc-sandbox serve` (src/main.ts) is what listens.
export { createSandbox, DEFAULT_PORT, DEFAULT_SEED } from './sandbox/index.js';
export type * from './sandbox/types.js';
export type {
  Delivery,
  FaultRule,
  JournalEntry,
  ProviderModule,
  Scenario,
  SessionView,
  TenantFilter,
  TenantRef,
} from './engine/index.js';
