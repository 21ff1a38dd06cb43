import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../build/scripts/api-docs';
import { api, eventNames, methodNames } from '../../shared/contract/api';
import { httpStatus } from '../../shared/contract/errors';

describe('docs/api.md', () => {
  const rendered = renderApiDocs();

  it('与契约一致（契约有变化时请运行 npm run docs:api 重新生成）', () => {
    // Line endings normalised, so a checkout with CRLF conversion does not count as stale.
    const committed = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8').replace(/\r\n/g, '\n');
    expect(committed, 'docs/api.md 已过期：请运行 npm run docs:api').toBe(rendered);
  });

  it('列出每个接口的两种调用方式与输入的 JSON Schema', () => {
    for (const m of methodNames) {
      expect(rendered).toContain(`### \`${m}\``);
      expect(rendered).toContain(`\`POST /api/${m}\``);
      expect(rendered).toContain(`window.yishitai.invoke('${m}', input)`);
      expect(rendered).toContain(api[m].summary);
    }
    const schemas = [...rendered.matchAll(/输入（JSON Schema）：\n\n```json\n([\s\S]*?)\n```/g)].map((m) =>
      JSON.parse(m[1]!),
    );
    expect(schemas).toHaveLength(methodNames.length);
    for (const s of schemas) expect(s.type).toBe('object');
  });

  it('列出每个事件、SSE 帧格式和每个错误代码的 HTTP 状态', () => {
    for (const e of eventNames) expect(rendered).toContain(`| \`${e}\` |`);
    expect(rendered).toContain('GET /api/events');
    expect(rendered).toMatch(/^event: \S+\ndata: \{/m);
    for (const [code, status] of Object.entries(httpStatus)) expect(rendered).toContain(`| \`${code}\` | ${status} |`);
  });

  it('返回类型都链接到其定义', () => {
    const anchors = new Set([...rendered.matchAll(/^### `(\w+)` 类型$/gm)].map((m) => `${m[1]!.toLowerCase()}-类型`));
    const links = [...rendered.matchAll(/\]\(#([^)]+-类型)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(anchors.has(link), link).toBe(true);
  });
});
