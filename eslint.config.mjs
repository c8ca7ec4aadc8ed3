// Lint rules that catch what reviews miss: a promise nobody awaits (a lost write or event), a
// switch that forgets a new state, and imports that break the architecture (an app reaching
// into another app, or into a lib's internals instead of its index).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['intake', 'processing', 'payment', 'postal-delivery'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ regex: '(\\.\\./)+libs/', message: 'Import a lib through its @dvc/* alias (its index), not by path.' }, { regex: '^@dvc/[a-z-]+/', message: 'Import a lib through its index (@dvc/<lib>), not its internals.' }] }],
    },
  },
  // An app never imports another app.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(\\.\\./)+libs/', message: 'Import a lib through its @dvc/* alias.' },
            { regex: '^@dvc/[a-z-]+/', message: 'Import a lib through its index (@dvc/<lib>).' },
            { regex: `(\\.\\./)+(apps/)?(${APPS.filter((a) => a !== app).join('|')})/`, message: 'An app never imports another app: use events or the owner\'s HTTP API.' },
          ],
        },
      ],
    },
  })),
);
