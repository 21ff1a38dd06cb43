// Lint enforces the architecture's layering (see README «架构»): arrows point down only.
//   renderer → shared;  electron/main, electron/host → electron/services → electron/db → shared
// Deny by default: each environment's imports are checked against its allow-list in build/eslint/environments.mjs
// (tests/unit/lint-rules.test.ts proves each rule bites).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import environments from './build/eslint/environments.mjs';

// The renderer runs in a browser, and shared/ runs there too: Node's globals are not there (and would hand a page
// the machine if they were).
const nodeGlobals = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'require',
  'module',
  'exports',
  'global',
  'setImmediate',
  'clearImmediate',
];
const noNodeGlobals = (where) => [
  'error',
  ...nodeGlobals.map((name) => ({ name, message: `${where}没有 Node 的「${name}」` })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/**', 'shared/**', 'renderer/**'],
    plugins: { env: environments },
    rules: { 'env/imports-by-environment': 'error' },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-globals': noNodeGlobals('shared/ 也在浏览器里运行，') },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-globals': noNodeGlobals('渲染进程'),
    },
  },
);
