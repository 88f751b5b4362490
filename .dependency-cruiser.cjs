// Import rules (DESIGN.md "Layout"): imports point down only, with no cycles.
//   providers → engine only; no provider → another provider
//   engine ↛ anything above it (sandbox, runtime, admin, hosted, pact, cli, providers)
//   hosted ↛ admin; admin and hosted reach the sandbox only through its interface (sandbox/types)
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'provider-imports-engine-only',
      comment: 'A provider builds with the engine and nothing else of the app.',
      severity: 'error',
      from: { path: '^src/providers/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/engine/index\\.ts$', '^src/providers/$1/'] },
    },
    {
      name: 'no-provider-to-provider',
      severity: 'error',
      from: { path: '^src/providers/([^/]+)/' },
      to: { path: '^src/providers/[^/]+/', pathNot: '^src/providers/$1/' },
    },
    {
      name: 'engine-stays-below',
      comment: 'The engine names no vendor and knows nothing above it.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(?!engine/)' },
    },
    {
      name: 'runtime-and-state-stay-below',
      severity: 'error',
      from: { path: '^src/(runtime|state)/' },
      to: { path: '^src/(sandbox|admin|hosted|pact|cli|providers)/' },
    },
    {
      name: 'hosted-not-admin',
      severity: 'error',
      from: { path: '^src/hosted/' },
      to: { path: '^src/admin/' },
    },
    {
      name: 'above-the-sandbox-uses-its-interface',
      comment:
        'admin, hosted, pact and cli see the sandbox through sandbox/types (and index for createSandbox).',
      severity: 'error',
      from: { path: '^src/(admin|hosted|pact)/' },
      to: {
        path: '^src/(sandbox/|runtime/|state/|providers/)',
        pathNot: [
          '^src/sandbox/types\\.ts$',
          '^src/sandbox/index\\.ts$',
          '^src/providers/index\\.ts$',
        ],
      },
    },
    {
      name: 'sandbox-not-above',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/(cli|main)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.test\\.tsx?$|/testing\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
