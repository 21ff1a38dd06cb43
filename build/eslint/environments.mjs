// Lint by environment, deny by default. Each source file's environment is decided by where it lives (the idea
// borrowed from Signal Desktop's file-suffix rule, which decides it from what a file imports); every import a file
// makes — static, `export … from`, `import()`, `require()` — must then be on that environment's allow-list:
// a package named there, a Node built-in only where Node runs, a relative path only into a layer below.
// Anything not listed is an error, so a new dependency or a new upward arrow is a decision made here, not by accident.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE = 'node';

/**
 * The environments, most specific first. `layers` are the environments a relative import may reach (arrows point
 * down only: main → host → services → db → shared; the renderer and the preload reach shared only); `packages`
 * the npm packages a file may import, with NODE for the Node built-ins.
 */
export const environments = [
  {
    name: 'electron-entry',
    label: 'Electron 入口',
    // The only files that run inside Electron's main or preload and need its API; everything else under electron/
    // runs under plain Node too (npm run serve, the tests, the benchmarks).
    files: [
      'electron/main/index.ts',
      'electron/main/projector.ts',
      'electron/main/print-pdf.ts',
      'electron/main/security.ts',
    ],
    layers: ['main', 'host', 'services', 'db', 'shared'],
    packages: ['electron', NODE],
  },
  {
    name: 'preload',
    label: 'electron/preload（沙箱内的预加载脚本）',
    files: ['electron/preload/index.ts'],
    dir: 'electron/preload/',
    layers: ['preload', 'shared'],
    // A sandboxed preload gets no Node modules, only Electron's renderer API.
    packages: ['electron'],
  },
  {
    name: 'main',
    label: 'electron/main',
    dir: 'electron/main/',
    layers: ['main', 'host', 'services', 'db', 'shared'],
    packages: [NODE],
  },
  {
    name: 'host',
    label: 'electron/host',
    dir: 'electron/host/',
    layers: ['host', 'services', 'db', 'shared'],
    packages: ['fastify', '@fastify/static', NODE],
  },
  {
    name: 'services',
    label: 'electron/services',
    dir: 'electron/services/',
    layers: ['services', 'db', 'shared'],
    packages: ['better-sqlite3', 'exceljs', 'csv-parse', 'qrcode', 'date-fns', 'tweetnacl', 'libsodium-wrappers', NODE],
    // The app's version (system.info, backups, meeting packages), bundled in at build time.
    rootFiles: ['package.json'],
  },
  {
    name: 'db',
    label: 'electron/db',
    dir: 'electron/db/',
    layers: ['db', 'shared'],
    packages: ['better-sqlite3', NODE],
  },
  { name: 'electron-other', label: 'electron/', dir: 'electron/', layers: [], packages: [] },
  {
    name: 'shared',
    label: 'shared/（纯函数层，不做 I/O）',
    dir: 'shared/',
    layers: ['shared'],
    packages: ['zod', 'date-fns', 'tweetnacl', 'pinyin-pro', 'cnchar-order'],
  },
  {
    name: 'renderer',
    label: 'renderer/（浏览器里的界面）',
    dir: 'renderer/',
    layers: ['renderer', 'shared'],
    packages: [
      'react',
      'react-dom',
      'antd',
      '@ant-design/icons',
      'date-fns',
      'qrcode',
      'jsqr',
      '@fontsource/noto-sans-sc',
      '@fontsource/noto-serif-sc',
    ],
  },
];

// A relative import's target is classified by folder only: a file in electron/main that is an entry is still layer `main`.
const layerOf = (rel) => {
  const e = environments.find((e) => e.dir && (rel + '/').startsWith(e.dir));
  return e && e.layers.includes(e.name) ? e.name : null;
};

export function environmentOf(rel) {
  return (
    environments.find((e) => e.files?.includes(rel)) ?? environments.find((e) => e.dir && rel.startsWith(e.dir)) ?? null
  );
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (spec) => spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const layerLabel = {
  main: 'electron/main',
  host: 'electron/host',
  services: 'electron/services',
  db: 'electron/db',
  shared: 'shared/',
  renderer: 'renderer/',
  preload: 'electron/preload',
};

/** @type {import('eslint').Rule.RuleModule} */
const importsByEnvironment = {
  meta: {
    type: 'problem',
    docs: { description: 'Each environment imports only what its allow-list names (deny by default).' },
    schema: [],
    messages: {
      node: '{{env}} 不得导入 Node 内置模块「{{spec}}」。',
      package: '{{env}} 不得导入「{{spec}}」：不在该环境允许的依赖之列（见 build/eslint/environments.mjs）。',
      electron: '只有 Electron 入口（{{entries}}）可以导入 electron；{{env}} 也要能在纯 Node 下运行。',
      layer: '{{env}} 不得导入 {{target}}（{{spec}}）：层次只能向下依赖（{{allowed}}）。',
      outside: '{{env}} 不得导入源代码之外的文件「{{spec}}」。',
    },
  },
  create(context) {
    const root = context.cwd;
    const rel = path.relative(root, context.filename).split(path.sep).join('/');
    const env = environmentOf(rel);
    if (!env) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      const data = { env: env.label, spec };
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), spec))
          .split(path.sep)
          .join('/');
        if (env.rootFiles?.includes(target)) return;
        const layer = layerOf(target);
        if (!layer) return context.report({ node, messageId: 'outside', data });
        if (!env.layers.includes(layer)) {
          return context.report({
            node,
            messageId: 'layer',
            data: {
              ...data,
              target: layerLabel[layer],
              allowed: env.layers.map((l) => layerLabel[l]).join('、') || '无',
            },
          });
        }
        return;
      }
      if (isBuiltin(spec)) {
        if (!env.packages.includes(NODE)) context.report({ node, messageId: 'node', data });
        return;
      }
      const pkg = packageOf(spec);
      if (env.packages.includes(pkg)) return;
      if (pkg === 'electron') {
        const entries = environments.flatMap((e) => (e.packages.includes('electron') ? e.files : [])).join('、');
        return context.report({ node, messageId: 'electron', data: { ...data, entries } });
      }
      context.report({ node, messageId: 'package', data });
    };
    const source = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node.moduleReference.expression, node.moduleReference.expression.value),
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        )
          check(node.arguments[0], node.arguments[0].value);
      },
    };
  },
};

export default { rules: { 'imports-by-environment': importsByEnvironment } };
