// The engine's public surface: the only path providers (and the app shell) import from.
export * from './clock.js';
export * from './contracts.js';
export * from './define-provider.js';
export * from './duration.js';
export * from './errors.js';
export * from './faults.js';
export * from './fixtures.js';
export * from './ids.js';
export * from './journal.js';
export * from './lifecycle.js';
export * from './mount.js';
export * from './options.js';
export * from './paths.js';
export * from './request.js';
export * from './store.js';
export * from './webhooks/queue.js';
export * from './webhooks/signers.js';
