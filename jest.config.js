/**
 * One Jest run for every suite: unit tests next to the code, API and security suites
 * against a real PostgreSQL, and browser journeys. ESM throughout (NestJS 12 is ESM-only),
 * compiled by SWC with decorator metadata for Nest's dependency injection.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: false },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// The web app's components: TSX with React's automatic runtime, as Vite compiles them.
const swcWeb = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  testTimeout: 60_000,
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@haven/(contracts|access|testing|disclosure)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/apps/[^/]+/dist', '<rootDir>/libs/[^/]+/dist', '<rootDir>/\\.haven'],
};

export default {
  // The global set-up is compiled with the top-level transform, so it gets the same settings.
  transform: common.transform,
  extensionsToTreatAsEsm: common.extensionsToTreatAsEsm,
  moduleNameMapper: common.moduleNameMapper,
  testTimeout: common.testTimeout,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/api/src/**/*.spec.ts',
        '<rootDir>/apps/web/src/**/*.spec.ts',
        '<rootDir>/libs/*/src/**/*.spec.ts',
        // The deployment files' checks (docker/kubernetes): no database, no cluster.
        '<rootDir>/tests/deploy/**/*.spec.ts',
      ],
    },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.spec.ts'] },
    { ...common, displayName: 'security', testMatch: ['<rootDir>/tests/security/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.spec.ts'] },
    {
      // Forms and dialogs rendered in jsdom with the app's providers (apps/web/src/testing), the API faked at fetch.
      ...common,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/src/**/*.test.tsx'],
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: { '^.+\\.tsx?$': swcWeb },
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '\\.css$': '<rootDir>/apps/web/src/testing/style-stub.ts',
        // Vite finds the catalogues with import.meta.glob, which Jest does not have: read them from disk instead.
        '^\\./catalogues$': '<rootDir>/apps/web/src/app/i18n/catalogues.node.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/apps/web/src/testing/setup.ts'],
    },
  ],
};
