import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { api, events, type EventName, type MethodName } from '../../shared/contract/api';
import { httpStatus, type ErrorCode } from '../../shared/contract/errors';

/**
 * Renders docs/api.md from the contract: every method (summary, both transports, input as JSON Schema, result
 * type), every event (payload type, SSE framing), the error shape with its HTTP statuses, and the record types
 * the methods return, read from shared/contract/types.ts. Pure and deterministic, so a unit test can check that
 * the committed file is current; `npm run docs:api` writes it.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTRACT = 'shared/contract/api.ts';
/** Where the records, payloads and rule types that the contract names are declared. */
const TYPE_DIRS = ['shared/contract', 'shared/domain'];

/** What each error code means to a caller; a code missing here is still listed, with its status. */
const errorMeaning: Partial<Record<ErrorCode, string>> = {
  VALIDATION:
    '输入不符合接口的 JSON Schema 或业务规则；`field` 指出出错的字段（嵌套字段用点号连接）。请求体不是合法 JSON 时也返回此代码。',
  IMPORT_INVALID: '名册导入有误；`details` 为逐行问题列表（行号、列名、说明），整批未写入。',
  NOT_FOUND: '引用的记录不存在（如机构、成员编号）。',
  CONFLICT: '与现有数据冲突（如同名机构、名册中已有此人、成员已离任）。',
  UNKNOWN_METHOD: '没有这个接口名。',
  UNAUTHORIZED: 'HTTP 调用没有带管理令牌，或令牌不正确（主机每次启动都换新令牌）；未执行任何操作。',
  FORBIDDEN:
    '拒绝执行：如 IPC 调用来自非本应用的页面、HTTP 请求来自其他网页（`Origin` 不符，403）或不是发往本机（`Host` 不符，421）。',
  INTERNAL: '程序内部错误；`message` 含原因，请连同审计日志报告。',
};

/** Type headings say 类型, so `SystemInfo` does not share an anchor with the method `system.info`. */
const typeHeading = (name: string) => `### \`${name}\` 类型`;
const typeAnchor = (name: string) => anchor(typeHeading(name).slice(4));
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/** The input as a caller may send it (before defaults and transforms), without the $schema line. */
export function inputJsonSchema(name: MethodName): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(api[name].input, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

// ───────────── type text read from the sources (the contract carries output and payload types only as types) ─────────────

function parse(rel: string): ts.SourceFile {
  return ts.createSourceFile(rel, fs.readFileSync(path.join(root, rel), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The `/** … *\/` comment right before a node, if any. */
function jsDocOf(sf: ts.SourceFile, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = ranges.at(-1);
  const text = last ? sf.text.slice(last.pos, last.end) : '';
  return text.startsWith('/**') ? `${text}\n` : '';
}

/** Every .ts file of the pure layer, where the contract's types live. */
function sharedSources(): ts.SourceFile[] {
  return TYPE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => parse(`${dir}/${f}`)),
  );
}

/** Event name → payload type, as written in `'name': event<…>('summary')` anywhere in the contract. */
function eventPayloadTypes(sources: ts.SourceFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const sf of sources) {
    const visit = (node: ts.Node) => {
      if (
        ts.isPropertyAssignment(node) &&
        ts.isCallExpression(node.initializer) &&
        node.initializer.expression.getText(sf) === 'event' &&
        node.initializer.typeArguments?.[0]
      ) {
        const key = ts.isStringLiteral(node.name) ? node.name.text : node.name.getText(sf);
        out.set(key, node.initializer.typeArguments[0].getText(sf).replace(/\s+/g, ' '));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

interface TypeDoc {
  name: string;
  file: string;
  text: string;
}

/**
 * Declarations of the named types and of every type they refer to, in order of first use, as source text with
 * their doc comments. `type X = (typeof LIST)[number]` is spelled out as the union of LIST's literals.
 */
function typeDeclarations(sources: ts.SourceFile[], names: string[]): TypeDoc[] {
  const decls = new Map<string, { sf: ts.SourceFile; decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration }>();
  const constLists = new Map<string, string[]>();
  for (const sf of sources) {
    for (const st of sf.statements) {
      if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && !decls.has(st.name.text))
        decls.set(st.name.text, { sf, decl: st });
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          let init = d.initializer;
          while (init && (ts.isAsExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
          if (init && ts.isArrayLiteralExpression(init) && init.elements.every(ts.isStringLiteral)) {
            constLists.set(
              d.name.getText(sf),
              init.elements.map((e) => (e as ts.StringLiteral).text),
            );
          }
        }
      }
    }
  }
  const listOf = (sf: ts.SourceFile, t: ts.TypeNode): string[] | null => {
    while (ts.isParenthesizedTypeNode(t)) t = t.type;
    if (!ts.isIndexedAccessTypeNode(t) || t.indexType.kind !== ts.SyntaxKind.NumberKeyword) return null;
    let obj = t.objectType;
    while (ts.isParenthesizedTypeNode(obj)) obj = obj.type;
    return ts.isTypeQueryNode(obj) ? (constLists.get(obj.exprName.getText(sf)) ?? null) : null;
  };

  const seen = new Set<string>();
  const out: TypeDoc[] = [];
  const add = (name: string) => {
    const found = decls.get(name);
    if (!found || seen.has(name)) return;
    seen.add(name);
    const { sf, decl } = found;
    const list = ts.isTypeAliasDeclaration(decl) ? listOf(sf, decl.type) : null;
    const body = list
      ? `type ${name} = ${list.map((v) => `'${v}'`).join(' | ')};`
      : decl.getText(sf).replace(/^export /, '');
    out.push({ name, file: sf.fileName, text: jsDocOf(sf, decl) + body });
    const refs: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isTypeReferenceNode(n)) refs.push(n.typeName.getText(sf));
      else if (ts.isExpressionWithTypeArguments(n)) refs.push(n.expression.getText(sf));
      ts.forEachChild(n, visit);
    };
    visit(decl);
    refs.forEach(add);
  };
  names.forEach(add);
  return out;
}

const typeNamesIn = (s: string) => [...s.matchAll(/\b[A-Z]\w*/g)].map((m) => m[0]);

// ───────────── the document ─────────────

export function renderApiDocs(): string {
  const methods = Object.keys(api) as MethodName[];
  const eventNames = Object.keys(events) as EventName[];
  const sources = sharedSources();
  const payloads = eventPayloadTypes(sources);
  const types = typeDeclarations(sources, [
    ...new Set([
      ...methods.flatMap((m) => typeNamesIn(api[m].returns)),
      ...eventNames.flatMap((e) => typeNamesIn(payloads.get(e) ?? '')),
    ]),
  ]);
  const typeNames = new Set(types.map((t) => t.name));
  const linkTypes = (s: string) => {
    const known = typeNamesIn(s).filter((n) => typeNames.has(n));
    return known.length === 1 ? `[\`${s}\`](#${typeAnchor(known[0]!)})` : `\`${s}\``;
  };
  const table = (head: string[], rows: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');

  const out: string[] = [];
  const p = (...lines: string[]) => out.push(...lines, '');

  p(
    '# 议事台 API',
    `> 本文件由 \`npm run docs:api\`（build/scripts/gen-api-docs.ts）根据 \`${CONTRACT}\` 生成，请勿手工修改。` +
      '单元测试 tests/unit/api-docs.test.ts 检查它与契约一致。',
  );
  p(
    '## 访问与令牌',
    '',
    '管理接口只对本机开放：',
    '',
    '- HTTP 主机只监听本机回环地址（`127.0.0.1` 或 `::1`，默认端口 8765，`npm run serve -- --port <端口>` 可改）；' +
      '`--host` 指定其他地址会被拒绝。会场的投票终端与签到台将由单独的局域网端口（`--lan-port`）提供，那里没有任何管理接口。',
    '- 主机每次启动生成一个新的 128 位随机**管理令牌**，写入 `<数据目录>/admin-token`（仅本用户可读，每次启动替换），' +
      '并在启动时打印控制台地址 `http://localhost:8765/#token=<令牌>`。',
    '- 除 `GET /api/health` 外，每个 `/api/*` 请求（包括 `GET /api/methods` 与事件流 `GET /api/events`）都须带令牌，否则返回 401、不执行任何操作：',
    '  - 本机脚本读取 `admin-token` 文件，在请求头中发送 `Authorization: Bearer <令牌>`；',
    '  - 浏览器控制台打开打印的地址后，页面用 `POST /api/session`（请求体 `{ "token": "<令牌>" }`）一次换取 HttpOnly、SameSite=Strict 的 Cookie，并从地址栏删去令牌。',
    '- 请求头 `Host` 必须是本机回环名称（`localhost`、`127.0.0.1`、`[::1]`）加监听端口，否则返回 421；带 `Origin` 的 POST 必须来自本主机的页面，否则返回 403。两项检查都在任何处理之前进行。',
    '- 桌面程序经 Electron IPC 调用，无需令牌；只接受来自本应用页面的调用。',
    '',
    '```bash',
    'TOKEN=$(cat ~/.config/议事台/admin-token)',
    'curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d \'{}\' http://localhost:8765/api/bodies.list',
    '```',
  );
  p(
    '每个接口只在契约中声明一次，通过两种方式提供，输入、校验与结果完全相同：',
    '',
    table(
      ['方式', '调用', '成功', '失败'],
      [
        [
          '桌面程序（Electron IPC）',
          '`await window.yishitai.invoke(name, input)`',
          '`{ ok: true, data }`',
          '`{ ok: false, error }`',
        ],
        [
          'HTTP（浏览器控制台、本机脚本，须带管理令牌）',
          '`POST /api/<name>`，请求体为 JSON 输入',
          '状态 200，响应体即 `data`',
          '错误对应的状态码，响应体即 `error`（见[错误](#错误)）',
        ],
      ],
    ),
  );
  p(
    '输入在任何业务逻辑运行之前按下列 JSON Schema（draft 2020-12，描述调用方可以传入的值）校验。' +
      '字符串先去掉首尾空白；可空的文本字段传入空字符串等同于 `null`；有 `default` 的字段可以省略。',
  );

  p(
    '## 目录',
    table(
      ['接口', '说明', '返回'],
      methods.map((m) => [`[\`${m}\`](#${anchor(m)})`, api[m].summary, linkTypes(api[m].returns)]),
    ),
  );

  p('## 接口');
  for (const m of methods) {
    const def = api[m];
    p(
      `### \`${m}\``,
      def.summary,
      '',
      `- HTTP：\`POST /api/${m}\``,
      `- IPC：\`window.yishitai.invoke('${m}', input)\``,
      `- 返回：${linkTypes(def.returns)}`,
      '',
      '输入（JSON Schema）：',
      '',
      fence('json', JSON.stringify(inputJsonSchema(m), null, 2)),
    );
  }

  p(
    '## 事件',
    '服务在事务提交之后发布领域事件。桌面程序把事件转发给每个窗口，HTTP 主机通过一个 server-sent events 流推送给每个订阅者。' +
      '客户端收到事件后重新读取或就地更新，不需要轮询。',
    '',
    table(
      ['事件', '说明', '数据（payload）'],
      eventNames.map((e) => [`\`${e}\``, events[e].summary, `\`${payloads.get(e) ?? 'unknown'}\``]),
    ),
  );
  p(
    '### 订阅',
    'IPC：',
    '',
    fence(
      'js',
      "const off = window.yishitai.subscribe((msg) => {\n  // msg = { name: 'bodies.changed', payload: { bodyId: 1 } }\n});\noff(); // 取消订阅",
    ),
    '',
    'HTTP：`GET /api/events`（`Content-Type: text/event-stream`）。连接后先收到重连间隔和一行注释，之后每个事件一帧，' +
      '`event:` 为事件名，`data:` 为 JSON 格式的 payload；每 15 秒一行 `: ping` 注释保持连接：',
    '',
    fence(
      'text',
      [
        'retry: 1000',
        ': 已连接',
        '',
        'event: bodies.changed',
        'data: {"bodyId":1}',
        '',
        'event: audit.appended',
        'data: {"id":2,"action":"body.update"}',
        '',
      ].join('\n'),
    ),
    '',
    fence(
      'js',
      "const es = new EventSource('/api/events');\nes.addEventListener('roster.changed', (e) => console.log(JSON.parse(e.data).bodyId));",
    ),
  );

  p(
    '## 错误',
    '错误是值而不是异常：两种方式都返回同一形状，`code` 稳定可供程序判断，`message` 是可以直接给用户看的中文说明。',
    '',
    fence(
      'ts',
      [
        'interface ApiErrorValue {',
        '  code: ErrorCode;',
        '  /** 中文说明，可直接显示 */',
        '  message: string;',
        '  /** 出错的输入字段（如有） */',
        '  field?: string;',
        '  /** 附加信息，如名册导入的逐行问题（code 为 IMPORT_INVALID 时） */',
        '  details?: unknown;',
        '}',
      ].join('\n'),
    ),
    '',
    table(
      ['code', 'HTTP 状态', '含义'],
      (Object.entries(httpStatus) as [ErrorCode, number][]).map(([code, status]) => [
        `\`${code}\``,
        String(status),
        errorMeaning[code] ?? '',
      ]),
    ),
    '',
    '请求体超过 32 MB 时返回 413（`{"code":"VALIDATION","message":"请求过大"}`）。',
  );

  p(
    '## 其他地址',
    '- `GET /api/health`：`{"ok":true}`，用于检查主机是否在运行。',
    '- `GET /api/methods`：全部接口名的数组。',
    '- `GET /`：浏览器控制台（与桌面程序相同的界面）。',
  );

  p(
    '## curl 示例',
    fence(
      'sh',
      [
        '# 运行方式与数据位置',
        'curl -s -X POST http://localhost:8765/api/system.info',
        '',
        '# 新建一个街道议事代表会议',
        'curl -s -X POST http://localhost:8765/api/bodies.create \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"kind":"street_council","name":"龙溪街道议事代表会议","area":"龙溪街道","term":"第一届"}'`,
        '# → 200 {"id":1,"kind":"street_council","name":"龙溪街道议事代表会议","area":"龙溪街道","term":"第一届","activeMembers":0,"createdAt":"…"}',
        '',
        '# 输入有误',
        'curl -s -i -X POST http://localhost:8765/api/bodies.create \\',
        '  -H \'Content-Type: application/json\' -d \'{"kind":"street_council","name":"龙"}\'',
        '# → 400 {"code":"VALIDATION","message":"输入有误：“名称”：名称至少两个字","field":"name"}',
        '',
        '# 订阅事件（-N 关闭缓冲）',
        'curl -s -N http://localhost:8765/api/events',
      ].join('\n'),
    ),
  );

  p(
    '## 数据类型',
    '接口返回的记录及其引用的类型，摘自源码。日期为 ISO 字符串（`yyyy-MM-dd`；时刻为完整的 ISO 时间戳）。',
  );
  for (const t of types) p(typeHeading(t.name), `定义于 \`${t.file}\`。`, '', fence('ts', t.text));

  return `${out.join('\n').trimEnd()}\n`;
}
