import { expect, settled, test } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A roster saved from Excel as “Unicode 文本” (UTF-16LE with a BOM, tab-separated) and named .csv, as a clerk gets
 * it from a township office: it imports with its names as written. It used to be read as GB18030 and refused with
 * a header that was mojibake.
 */

const shots = path.join(__dirname, 'screenshots');

const ROWS = [
  ['序号', '姓名', '性别', '民族', '政治面貌', '工作单位及职务', '联系电话'],
  ['1', '买买提·艾力', '男', '维吾尔族', '中共党员', '石门镇农业合作社理事长', '13900001001'],
  ['2', '欧阳晓东', '男', '汉族', '群众', '石门镇中学校长', '13900001002'],
  ['3', '李秀英', '女', '土家族', '中共党员', '石门镇卫生院院长', '13900001003'],
];

function unicodeText(name: string): string {
  const text = ROWS.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-utf16-')), name);
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return file;
}

test('a roster saved as Excel “Unicode 文本” (UTF-16, tabs) imports with its names as written', async ({ page }) => {
  const name = '石门街道议事代表会议';
  await page.goto('/#/roster');
  await page.getByRole('button', { name: '新建机构' }).click();
  const form = await settled(page.getByRole('dialog'));
  await form.getByLabel('名称').fill(name);
  await form.getByLabel('所属街道/镇').fill('石门街道');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`已新建“${name}”`)).toBeVisible();
  await expect(page.locator('.ant-card-head-title').getByText(name)).toBeVisible();

  await page.getByRole('button', { name: '导入名册' }).click();
  await page.locator('input[type=file]').setInputFiles(unicodeText('石门镇代表名册.csv'));
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('import-summary')).toContainText('共 3 行，全部有效');
  await expect(dialog).toContainText('买买提·艾力');
  await page.screenshot({ path: path.join(shots, 'roster-utf16-preview.png') });
  await dialog.getByRole('button', { name: /确认导入 3 名/ }).click();
  await expect(page.getByText(/已导入3名/)).toBeVisible();
  const names = () => page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  await expect.poll(async () => (await names()).sort()).toEqual(['买买提·艾力', '李秀英', '欧阳晓东'].sort());
  await page.screenshot({ path: path.join(shots, 'roster-utf16-imported.png') });
});
