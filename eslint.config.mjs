// Lint enforces the architecture's layering (see README «架构»): arrows point down only.
//   renderer → shared;  electron/main, electron/host → electron/services → electron/db → shared
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream', 'events', 'worker_threads', 'zlib'];
const noNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);
const electronOnly = { name: 'electron', message: '只有 electron/main 与 electron/preload 可以导入 electron。' };

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
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly, ...noNode.map((name) => ({ name, message: 'shared/ 是纯函数层，不做 I/O。' }))],
        patterns: [{ group: ['**/electron/**', '**/renderer/**', 'better-sqlite3', 'fastify'], message: 'shared/ 不依赖上层。' }],
      }],
    },
  },
  {
    files: ['electron/db/**', 'electron/services/**', 'electron/host/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: [{ group: ['**/renderer/**', '**/electron/main/**', '../main/**', '../preload/**'], message: '下层不得导入上层。' }],
      }],
    },
  },
  {
    files: ['electron/db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: [{ group: ['**/services/**', '**/host/**', '**/renderer/**', '**/main/**'], message: 'db 层不得导入上层。' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', {
        paths: [electronOnly, ...noNode.map((name) => ({ name, message: '渲染进程不得导入 Node 模块，请经由 api 模块。' }))],
        patterns: [{ group: ['**/electron/**', 'better-sqlite3', 'fastify', 'exceljs'], message: '渲染进程只依赖 shared/。' }],
      }],
    },
  },
);
