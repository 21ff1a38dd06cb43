// `npm run docs:api`: writes docs/api.md from the contract (see api-docs.ts). tests/unit/api-docs.test.ts fails
// when the committed file differs from what this would write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './api-docs';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'api.md');
const text = renderApiDocs();
const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
if (before === text) {
  console.log(`docs/api.md 已是最新（${text.length} 字符）。`);
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`已写入 docs/api.md（${text.length} 字符）。`);
}
