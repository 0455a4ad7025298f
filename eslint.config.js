import nx from '@nx/eslint-plugin';

/**
 * The boundaries of docs/architecture.md (Layout) are enforced here: shared libraries import only shared
 * libraries, the API and the test harness import shared libraries, the web app imports
 * shared libraries, and nothing imports an app. Inside the API, only repositories,
 * entities, migrations and the database module talk to TypeORM.
 */
export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.haven/**', '.nx/**', 'coverage/**', 'tmp/**', 'test-results/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Repositories are the only TypeORM users: services and controllers may name a transaction's type, nothing more.
    files: ['apps/api/src/modules/**/*.service.ts', 'apps/api/src/modules/**/*.controller.ts', 'apps/api/src/modules/**/*.mapper.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'typeorm', message: 'Only repositories use TypeORM.', allowTypeImports: true }, { name: '@nestjs/typeorm', message: 'Only repositories use TypeORM.' }] },
      ],
    },
  },
  {
    // A migration keeps the schema it was written against: it imports no other file of the project (not even another migration).
    files: ['apps/api/src/core/database/migrations/1*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../*'], message: 'A migration is self-contained: copy what it needs.' }] }],
    },
  },
  {
    // Tests and scripts compose the app on purpose (e.g. start it on a test database).
    files: ['tests/**/*.ts', 'tools/**/*.{ts,mjs,js}'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
