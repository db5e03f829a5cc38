// ESLint for the whole repository: typescript-eslint with type information,
// angular-eslint for the web client's templates (including accessibility),
// and import boundaries that encode the layers (docs/architecture.md).
// Formatting is Prettier's job (`npm run format:check`), not ESLint's.
import js from '@eslint/js';
import angular from 'angular-eslint';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Framework and app code that framework-free libraries must never import. */
const NOT_IN_LIBS = [
  {
    group: ['@nestjs/*', '@angular/*', 'typeorm', 'typeorm/*', 'socket.io', 'express'],
    message: 'libs stay framework-free',
  },
  { group: ['**/apps/**', '@tolk/api', '@tolk/web'], message: 'libs import no app code' },
];

/** Audit entries are declared (audit-events.ts) and written by the audit module alone. */
const API_AUDIT = [
  {
    group: ['**/audit/audit-recorder*', '**/audit/audit.repository*'],
    message: 'declare the entry in audit/audit-events.ts and call AuditService.log, or put @Audited on the route',
  },
];

/** What every api file outside realtime/ keeps to. */
const API_FEATURES = [
  { group: ['**/realtime/socket/*gateway*'], message: 'features emit domain events; the gateway listens' },
  { group: ['@angular/*'], message: 'the api imports no web code' },
  ...API_AUDIT,
];

/** A module reads another module's tables through that module's repository, never its entities. */
const API_ENTITIES = [
  {
    group: ['../*/*.entity*', '../*/*.entities*', '../../*/*.entity*', '../../*/*.entities*'],
    message: "use the owning module's repository (its rows are typed by what it returns)",
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'apps/web/.angular/**',
      'test/fixtures/**',
      // Generated once from the entities, reviewed, never edited by hand.
      'apps/api/src/database/migrations/**',
    ],
  },

  // TypeScript everywhere: strict, with type information.
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        project: [
          'apps/api/tsconfig.app.json',
          'apps/web/tsconfig.json',
          'test/tsconfig.json',
          'test/browser/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // STYLE.md: floating and misused promises and non-exhaustive switches are errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Numbers and booleans read fine in messages and keys.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Y.Text and friends stringify to their content.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Text', 'YText', 'Error', 'RegExp', 'URL'] },
      ],
      // `void promise` marks a promise we deliberately do not wait for.
      'no-void': 'off',
      // Nest and Angular classes are empty by design (modules, decorated shells).
      '@typescript-eslint/no-extraneous-class': 'off',
      // `() => this.signal.set(v)` reads better than a braced body; what matters
      // (a promise or value dropped by mistake) the promise rules above catch.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Used after a has()/length check the compiler cannot follow; each one
      // is a claim the code makes, and a wrong one fails loudly in tests.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  // Tests read JSON bodies typed `any` (supertest) and assert on them directly.
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Framework-free libraries.
  {
    files: ['libs/*/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NOT_IN_LIBS }] },
  },

  // The web client: no server code; templates checked for accessibility.
  {
    files: ['apps/web/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/api/**', '@nestjs/*', 'typeorm'], message: 'the web client imports no api code' },
          ],
        },
      ],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'tolk', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'tolk', style: 'camelCase' }],
    },
  },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },

  // The api: features do not reach into the socket gateway; only the data
  // layer (repositories, database/) touches TypeORM's DataSource and managers.
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/realtime/**', 'apps/api/src/app.module.ts', 'apps/api/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...API_FEATURES, ...API_ENTITIES],
        },
      ],
    },
  },
  // database/ registers every module's entities (entities name each other's by class name only).
  {
    files: ['apps/api/src/database/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: API_FEATURES }] },
  },
  {
    files: ['apps/api/src/realtime/**/*.ts'],
    ignores: ['apps/api/src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...API_AUDIT, ...API_ENTITIES] }] },
  },

  // Node scripts (benchmarks, CI helpers): plain JavaScript, type-checked by bench/tsconfig.json.
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // bench:web runs functions in the page and bundles floor.mjs for it: browser globals too.
  {
    files: ['bench/web/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
