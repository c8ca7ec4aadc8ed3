// Lint rules that catch what reviews miss: a promise nobody awaits (a lost write or event), a
// switch that forgets a new state, and imports that break the architecture (an app reaching
// into another app, anything reaching into a lib's or an app's internals instead of its index,
// tools or benchmarks depending on test code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['intake', 'processing', 'payment', 'postal-delivery'];

const LIB_BY_ALIAS = [
  { regex: '(\\.\\./)+libs/', message: 'Import a lib through its @dvc/* alias (its index), not by path.' },
  { regex: '^@dvc/[a-z-]+/', message: 'Import a lib through its index (@dvc/<lib>), not its internals.' },
];
// Outside the apps, an app is reached only through its public entry apps/<app>/src (index.ts).
const APP_BY_ENTRY = {
  regex: '^(\\.\\./)+apps/[a-z-]+/(?!src$)',
  message:
    'Import an app through its public entry (apps/<app>/src), not its internals: export what you need from its index.ts.',
};
const NOT_TEST = {
  regex: '^(\\.\\./)+test/',
  message: 'tools/ and bench/ never import test/: move what they share into tools/.',
};
// Inside an app, its own index.ts would make a cycle.
const NOT_OWN_ENTRY = {
  regex: '^\\.{1,2}(/\\.\\.)*/?(index)?$',
  message: 'An app never imports its own public entry (index.ts): import the file that declares the symbol.',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a value belongs (`Bearer ${token()}` with an un-awaited token, a promise
      // in an if or handed to a callback that ignores it) type-checks but is a silent bug.
      '@typescript-eslint/restrict-template-expressions': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      ...restrict(...LIB_BY_ALIAS),
    },
  },
  // An app never imports another app.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: restrict(...LIB_BY_ALIAS, NOT_OWN_ENTRY, {
      regex: `(\\.\\./)+(apps/)?(${APPS.filter((a) => a !== app).join('|')})/`,
      message: "An app never imports another app: use events or the owner's HTTP API.",
    }),
  })),
  { files: ['test/**/*.ts'], rules: restrict(...LIB_BY_ALIAS, APP_BY_ENTRY) },
  { files: ['tools/**/*.ts', 'bench/**/*.ts'], rules: restrict(...LIB_BY_ALIAS, APP_BY_ENTRY, NOT_TEST) },
);
