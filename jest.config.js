// Jest runs in ESM mode (NestJS 12 is ESM only): `node --experimental-vm-modules`
// runs it (see package.json), @swc/jest compiles TypeScript with decorator
// metadata, and `.js` suffixes on relative imports are mapped back to `.ts`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@tolk/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@tolk/anchoring$': '<rootDir>/libs/anchoring/src/index.ts',
    '^@tolk/agreement$': '<rootDir>/libs/agreement/src/index.ts',
    '^@tolk/refi-qda$': '<rootDir>/libs/refi-qda/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  // Per-test budget; the integration tests start real servers.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/libs/*/src/**/*.spec.ts'],
    },
    {
      // The web client: translation files, templates, helpers, and the stores built by TestBed in Node (no DOM).
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/integration/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/integration/support/global-teardown.mjs',
      setupFiles: ['<rootDir>/test/integration/support/setup-env.ts'],
    },
  ],
};
