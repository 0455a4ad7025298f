import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

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
    files: [
      'apps/api/src/modules/**/*.service.ts',
      'apps/api/src/modules/**/*.controller.ts',
      'apps/api/src/modules/**/*.mapper.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'Only repositories use TypeORM.', allowTypeImports: true },
            { name: '@nestjs/typeorm', message: 'Only repositories use TypeORM.' },
          ],
        },
      ],
    },
  },
  {
    // A migration keeps the schema it was written against: it imports no other file of the project (not even another migration).
    files: ['apps/api/src/core/database/migrations/1*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*', '../*'], message: 'A migration is self-contained: copy what it needs.' }] },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // A web module uses another only through its public index.ts (`../../cases`, never `../../cases/hooks/…`), so a
    // module's insides can change without touching its neighbours. The app shell (apps/web/src/app) composes modules
    // and may reach in; shared helpers live there.
    files: ['apps/web/src/modules/*/*/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\./)[^/]+/',
              message: "Import another module through its public index.ts (e.g. '../../cases').",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/modules/*/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/',
              message: "Import another module through its public index.ts (e.g. '../cases').",
            },
          ],
        },
      ],
    },
  },
  {
    // A route is declared once, with @Route (core/http/route.decorator.ts): method, path, permission and
    // contract together, so nothing reads a request body or query the contract has not validated.
    files: ['apps/api/src/**/*.controller.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'Only repositories use TypeORM.', allowTypeImports: true },
            { name: '@nestjs/typeorm', message: 'Only repositories use TypeORM.' },
            {
              name: '@nestjs/common',
              importNames: [
                'Body',
                'Query',
                'Get',
                'Post',
                'Put',
                'Patch',
                'Delete',
                'HttpCode',
                'SetMetadata',
                'UsePipes',
              ],
              message:
                'Declare the route with @Route and read its input with @Body()/@Query() from core/http/route.decorator.',
            },
          ],
        },
      ],
    },
  },
  {
    // The platform layer (core/) serves the features and never depends on one: a feature that the
    // platform needs something from provides it under a token the platform defines.
    files: ['apps/api/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**'],
              message: 'core/ is the platform layer: it must not import a feature from modules/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and scripts compose the app on purpose (e.g. start it on a test database).
    files: ['tests/**/*.ts', 'tools/**/*.{ts,mjs,js}'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
