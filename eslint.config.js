// Type-aware lint for the whole repository; `npm run lint` fails on any warning.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The folders directly below `dir` (modules of the API, features of an app). */
const foldersOf = (dir) =>
  readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

/**
 * Boundaries (bulletproof-react style): each folder in `dir` may import another only through that
 * folder's index.ts.
 */
const throughEntries = (dir, what, open = new Set()) =>
  foldersOf(dir).flatMap((target) =>
    foldersOf(dir)
      .filter((from) => from !== target && !open.has(from))
      .map((from) => ({
        target: `${dir}/${target}`,
        from: `${dir}/${from}`,
        except: ['./index.ts'],
        message: `Import another ${what} only through its index.ts.`,
      })),
  );

const API = './apps/api/src';
const APPS = ['./apps/admin/src', './apps/customer/src'];
/** App folders that are not features: the shell that composes them, and what every feature shares. */
const NOT_FEATURES = new Set(['app', 'shared']);

const boundaryZones = [
  ...['infra', 'shared', 'config', 'db'].map((layer) => ({
    target: `${API}/${layer}`,
    from: `${API}/modules`,
    message: 'infra/, shared/, config/ and db/ are below the modules: they never import one.',
  })),
  ...throughEntries(`${API}/modules`, 'module'),
  ...APPS.flatMap((app) => [
    ...throughEntries(app, 'feature', NOT_FEATURES),
    ...foldersOf(app)
      .filter((feature) => !NOT_FEATURES.has(feature))
      .map((feature) => ({
        target: `${app}/shared`,
        from: `${app}/${feature}`,
        message: 'An app’s shared/ never imports a feature.',
      })),
  ]),
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // How import-x parses the files it follows (no-cycle reads every import graph edge).
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['apps/*/tsconfig.json', 'packages/*/tsconfig.json', '{e2e,tests,bench}/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: boundaryZones }],
    },
  },
  {
    // The apps take only types from the contracts' root entry (it pulls in zod); values come from its
    // zod-free subpaths (`/constants`, `/sse`).
    files: ['apps/customer/src/**', 'apps/admin/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@table-order/contracts',
              allowTypeImports: true,
              message:
                'Apps import only types from @table-order/contracts; values from its zod-free subpaths.',
            },
          ],
        },
      ],
    },
  },
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // Driver values are normalised with Number() on purpose: MySQL returns DECIMAL/BIGINT as strings.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through apps/api/src/config only.',
        },
      ],
    },
  },
  {
    files: [
      'apps/api/src/config/**',
      'apps/api/test/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      'e2e/**',
      'tests/**',
      '**/vitest.config.ts',
      '**/vite.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The React apps follow the rules of hooks (including the compiler-era checks).
    files: ['apps/customer/src/**/*.{ts,tsx}', 'apps/admin/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // The apps use the "latest value in a ref" pattern for callbacks handed to long-lived streams and
      // timers, and load their first snapshot from an effect; both are deliberate.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // Build scripts are plain JavaScript run by Node: lint them without type information.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // The tablet app's service worker is plain JavaScript served as is.
    files: ['apps/customer/public/sw.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'script',
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly' },
    },
  },
  {
    // Tests read JSON responses: untyped member access and `!` on known fixtures are fine there.
    files: ['**/*.test.ts', '**/*.test.tsx', 'apps/api/test/**', 'e2e/**', 'tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
);
