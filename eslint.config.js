// Layer rules of DESIGN.md §2 live here so CI, not memory, enforces them; the
// type-aware rules catch the promise mistakes tests rarely reach (a sync, a
// push or an IPC reply started and never awaited, its failure lost).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'stream',
  'events',
  'util',
  'worker_threads',
];
const restrict = (patterns, message, paths = []) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })), paths }],
});

// Only the two halves of the IPC bridge touch Electron's raw channels; everything else goes through them.
const bridgeFiles = ['src/main/electron/ipc-bridge.ts', 'src/main/electron/preload.ts'];
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Only the IPC bridge (ipc-bridge.ts, preload.ts) uses ipcMain/ipcRenderer: add an operation to the contract instead.',
};
const shellLayers = ['**/server/**', '**/cli/**', '**/renderer/**'];
const shellMessage = 'src/main/electron imports only electron, src/main/core and src/shared.';

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
    // Type-aware: every TypeScript file is in tsconfig.json or src/renderer/tsconfig.json.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', '**/main/**', '**/renderer/**'],
      'src/shared is side-effect free: no Node, DOM, Electron or app layers.',
    ),
  },
  {
    files: ['src/main/core/**'],
    rules: restrict(
      ['electron', '**/electron/**', '**/server/**', '**/cli/**', '**/renderer/**'],
      'src/main/core never imports electron or the shells around it.',
    ),
  },
  {
    files: ['src/main/electron/**'],
    ignores: bridgeFiles,
    rules: restrict(shellLayers, shellMessage, [rawIpc]),
  },
  {
    files: bridgeFiles,
    rules: restrict(shellLayers, shellMessage),
  },
  {
    files: ['src/main/server/**', 'src/main/cli/**'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'Headless code must run without Electron.'),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', '**/main/**'],
      'The renderer talks only to src/shared/api.ts through its client.',
    ),
  },
);
