// Layer rules of DESIGN.md §2 live here so CI, not memory, enforces them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'events', 'util', 'worker_threads'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict([...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', '**/main/**', '**/renderer/**'],
      'src/shared is side-effect free: no Node, DOM, Electron or app layers.'),
  },
  {
    files: ['src/main/core/**'],
    rules: restrict(['electron', '**/electron/**', '**/server/**', '**/cli/**', '**/renderer/**'],
      'src/main/core never imports electron or the shells around it.'),
  },
  {
    files: ['src/main/server/**', 'src/main/cli/**'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'Headless code must run without Electron.'),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([...nodeBuiltins, 'electron', 'better-sqlite3', '**/main/**'],
      'The renderer talks only to src/shared/api.ts through its client.'),
  },
);
