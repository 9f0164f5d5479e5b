// Layering rules in the manner of VS Code's code-layering: each layer may only
// reach downwards, so a wrong import fails `npm test` rather than a code review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'stream', 'url', 'util', 'worker_threads', 'http', 'https', 'net'];

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.bench/**', 'tests/fixtures/**', 'tests/.output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/tests/**'], message: 'shared/ is the pure engine: it imports nothing of main, renderer, cli or tests.' },
        { group: ['electron', 'react', 'react-dom', 'dexie', 'cytoscape', 'cytoscape-*', ...nodeBuiltins], message: 'shared/ runs in Node, a Web Worker and the CLI alike: no DOM, Node or Electron modules.' },
      ]),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/cli/**', '**/tests/**'], message: 'renderer/ may import shared/ only, never main/ or cli/.' },
        { group: ['electron', ...nodeBuiltins], message: 'renderer/ is sandboxed web code: no Electron or Node modules.' },
        { group: ['cytoscape', 'cytoscape-*'], message: 'Only renderer/graph-canvas/ touches Cytoscape; use its API.' },
      ]),
    },
  },
  {
    // The one folder allowed to touch Cytoscape (see renderer/graph-canvas/README).
    files: ['renderer/graph-canvas/**/*.{ts,tsx}', 'renderer/workers/layout*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/cli/**', '**/tests/**'], message: 'renderer/ may import shared/ only, never main/ or cli/.' },
        { group: ['electron', ...nodeBuiltins], message: 'renderer/ is sandboxed web code: no Electron or Node modules.' },
      ]),
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/renderer/**', '**/cli/**', '**/tests/**'], message: 'main/ may import shared/ only, never renderer/.' },
        { group: ['react', 'react-dom', 'dexie', 'cytoscape', 'cytoscape-*'], message: 'main/ stays thin: UI libraries belong to the renderer.' },
      ]),
    },
  },
  {
    files: ['cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'tests/**/*.{ts,tsx}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
