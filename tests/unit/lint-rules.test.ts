import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The lint rules that keep the layers apart (eslint.config.mjs, build/eslint/environments.mjs), run on planted
 * snippets at virtual paths in the tree: each forbidden import must be reported by its rule, and the imports each
 * environment really makes must pass.
 */
const root = path.join(__dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
});

/** The rule ids and messages reported for `code` as if it were the file at `filePath`. */
async function lint(filePath: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const ENV = 'env/imports-by-environment';

describe('lint by environment: each forbidden import is an error', () => {
  const forbidden: [string, string, string, RegExp][] = [
    // [what, file, code, message]
    [
      'electron in a service',
      'electron/services/x.ts',
      "import { app } from 'electron';\nexport const a = app;",
      /只有 Electron 入口.*可以导入 electron/,
    ],
    [
      'electron in the db layer',
      'electron/db/x.ts',
      "import { app } from 'electron';\nexport const a = app;",
      /只有 Electron 入口/,
    ],
    [
      'electron in the host',
      'electron/host/x.ts',
      "import type { App } from 'electron';\nexport type A = App;",
      /只有 Electron 入口/,
    ],
    [
      'electron in a main helper that is not an entry',
      'electron/main/x.ts',
      "export const load = () => import('electron');",
      /只有 Electron 入口/,
    ],
    [
      'a require() of a package not on the list',
      'electron/db/x.ts',
      "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const E = require('exceljs');",
      /electron\/db 不得导入「exceljs」/,
    ],
    [
      'a Node built-in in the preload',
      'electron/preload/index.ts',
      "import fs from 'node:fs';\nexport const f = fs;",
      /不得导入 Node 内置模块「node:fs」/,
    ],
    [
      'node:fs in shared',
      'shared/domain/x.ts',
      "import fs from 'node:fs';\nexport const f = fs;",
      /shared\/.*不得导入 Node 内置模块「node:fs」/,
    ],
    [
      'a bare built-in in shared',
      'shared/domain/x.ts',
      "import { createHash } from 'crypto';\nexport const h = createHash;",
      /不得导入 Node 内置模块「crypto」/,
    ],
    [
      'a built-in subpath in shared',
      'shared/contract/x.ts',
      "export { readFile } from 'fs/promises';",
      /不得导入 Node 内置模块「fs\/promises」/,
    ],
    [
      'a package not on shared’s list',
      'shared/domain/x.ts',
      "import ExcelJS from 'exceljs';\nexport const E = ExcelJS;",
      /不得导入「exceljs」：不在该环境允许的依赖之列/,
    ],
    [
      'a dynamic import in shared',
      'shared/domain/x.ts',
      "export const load = () => import('better-sqlite3');",
      /不得导入「better-sqlite3」/,
    ],
    [
      'shared reaching up into services',
      'shared/domain/x.ts',
      "export * from '../../electron/services/change';",
      /不得导入 electron\/services/,
    ],
    [
      'shared reaching into the renderer',
      'shared/contract/x.ts',
      "import { api } from '../../renderer/src/api/client';\nexport const a = api;",
      /不得导入 renderer\//,
    ],
    [
      'a service importing the host',
      'electron/services/x.ts',
      "import { startServer } from '../host/server';\nexport const s = startServer;",
      /electron\/services 不得导入 electron\/host.*层次只能向下依赖/,
    ],
    [
      'a service importing main',
      'electron/services/x.ts',
      "import { bind } from '../main/ipc-binding';\nexport const b = bind;",
      /不得导入 electron\/main/,
    ],
    [
      'the db layer importing services',
      'electron/db/x.ts',
      "import { dispatch } from '../services/dispatch';\nexport const d = dispatch;",
      /electron\/db 不得导入 electron\/services/,
    ],
    [
      'the db layer importing the host',
      'electron/db/tables/x.ts',
      "import { x } from '../../host/server';\nexport const y = x;",
      /electron\/db 不得导入 electron\/host/,
    ],
    [
      'the host importing main',
      'electron/host/x.ts',
      "import { x } from '../main/index';\nexport const y = x;",
      /electron\/host 不得导入 electron\/main/,
    ],
    [
      'a service importing tests',
      'electron/services/x.ts',
      "import { x } from '../../tests/unit/helpers';\nexport const y = x;",
      /不得导入源代码之外的文件/,
    ],
    [
      'the renderer importing the services',
      'renderer/src/console/x.tsx',
      "import { dispatch } from '../../../electron/services/dispatch';\nexport const d = dispatch;",
      /renderer\/.*不得导入 electron\/services/,
    ],
    [
      'the renderer importing node:path',
      'renderer/src/x.tsx',
      "import path from 'node:path';\nexport const p = path;",
      /不得导入 Node 内置模块「node:path」/,
    ],
    [
      'the renderer importing fastify',
      'renderer/src/x.tsx',
      "import Fastify from 'fastify';\nexport const f = Fastify;",
      /不得导入「fastify」/,
    ],
    [
      'the preload importing the services',
      'electron/preload/index.ts',
      "import { dispatch } from '../services/dispatch';\nexport const d = dispatch;",
      /不得导入 electron\/services/,
    ],
  ];
  it.each(forbidden)('%s', async (_what, file, code, message) => {
    const messages = await lint(file, code);
    expect(messages).toEqual([{ ruleId: ENV, message: expect.stringMatching(message) }]);
  });

  it.each([
    ['process.env in the renderer', 'renderer/src/x.tsx', 'export const mode = process.env.NODE_ENV;', 'process'],
    ['Buffer in the renderer', 'renderer/src/console/x.tsx', "export const b = Buffer.from('x');", 'Buffer'],
    ['__dirname in the renderer', 'renderer/src/x.ts', 'export const d = __dirname;', '__dirname'],
    ['require in the renderer', 'renderer/src/x.ts', "export const r = require('react');", 'require'],
    ['global in the renderer', 'renderer/src/x.ts', 'export const g = global;', 'global'],
    ['Buffer in shared', 'shared/domain/x.ts', "export const b = Buffer.from('x');", 'Buffer'],
    ['process in shared', 'shared/contract/x.ts', 'export const p = process.platform;', 'process'],
  ])('Node’s %s where there is no Node', async (_what, file, code, name) => {
    const messages = await lint(file, code);
    expect(messages).toContainEqual({
      ruleId: 'no-restricted-globals',
      message: expect.stringMatching(new RegExp(`(渲染进程|shared/ 也在浏览器里运行，)没有 Node 的「${name}」`)),
    });
  });
});

describe('lint by environment: what each environment may import passes', () => {
  const allowed: [string, string, string][] = [
    [
      'an Electron entry importing electron and Node',
      'electron/main/index.ts',
      "import { app } from 'electron';\nimport path from 'node:path';\nimport { startServer } from '../host/server';\nexport const a = [app, path, startServer];",
    ],
    [
      'the preload importing electron and the contract',
      'electron/preload/index.ts',
      "import { contextBridge } from 'electron';\nimport { BRIDGE_KEY } from '../../shared/contract';\nexport const c = [contextBridge, BRIDGE_KEY];",
    ],
    [
      'a main helper importing Node and the host',
      'electron/main/x.ts',
      "import fs from 'node:fs/promises';\nimport { x } from '../host/server';\nexport const a = [fs, x];",
    ],
    [
      'the host importing fastify, services and db',
      'electron/host/x.ts',
      "import Fastify from 'fastify';\nimport { dispatch } from '../services/dispatch';\nimport { openDatabase } from '../db/open';\nexport const a = [Fastify, dispatch, openDatabase];",
    ],
    [
      'a service importing its libraries, db and shared',
      'electron/services/x.ts',
      "import ExcelJS from 'exceljs';\nimport { parse } from 'csv-parse/sync';\nimport crypto from 'node:crypto';\nimport { migrate } from '../db/open';" +
        "\nimport { api } from '../../shared/contract';\nimport { version } from '../../package.json';\nexport const a = [ExcelJS, " +
        'parse, crypto, migrate, api, version];',
    ],
    [
      'the db layer importing better-sqlite3 and shared',
      'electron/db/tables/x.ts',
      "import Database from 'better-sqlite3';\nimport { x } from '../../../shared/domain/rules';\nexport const a = [Database, x];",
    ],
    [
      'shared importing its allow-list',
      'shared/domain/x.ts',
      "import { z } from 'zod';\nimport { format } from 'date-fns';\nimport nacl from 'tweetnacl';" +
        "\nimport { pinyin } from 'pinyin-pro';\nimport { x } from '../contract/types';\nexport const a = [z, " +
        'format, nacl, pinyin, x];',
    ],
    [
      'the renderer importing its libraries and shared',
      'renderer/src/console/x.tsx',
      "import { useState } from 'react';\nimport { Button } from 'antd';\nimport zhCN from 'antd/locale/zh_CN';" +
        "\nimport '@fontsource/noto-sans-sc/400.css';\nimport { api } from '../../../shared/contract';\nexport const a = [useState, " +
        'Button, zhCN, api, globalThis.location];',
    ],
  ];
  it.each(allowed)('%s', async (_what, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('tests and build scripts are not held to a layer', async () => {
    expect(
      await lint(
        'tests/unit/x.test.ts',
        "import fs from 'node:fs';\nimport { app } from 'electron';\nimport { dispatch } from '../../electron/services/dispatch';\nexport const a = [fs, app, dispatch];",
      ),
    ).toEqual([]);
  });
});
