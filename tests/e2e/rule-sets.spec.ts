import path from 'node:path';
import type { RuleSetRules } from '../../shared/contract';
import { expect, test, choose } from './fixtures';

/** 设置 › 会议规则: a shipped set is shown only; a copy's 测评 rules and double threshold are edited and saved. */

const shots = path.join(__dirname, 'screenshots');

test('a street council rule set is copied, its 测评 and double threshold edited, and saved', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/#/settings');
  const card = page.locator('.ant-card').filter({ has: page.getByText('会议规则', { exact: true }) });
  await choose(page, card.getByRole('combobox', { name: '选择会议规则' }), '街道议事代表会议（内置）');
  // Shipped: shown, not editable; the double threshold is off.
  await expect(card.getByText('内置规则不可修改')).toBeVisible();
  await expect(card.getByRole('switch', { name: '双重门槛' })).toBeDisabled();
  await expect(card.getByRole('switch', { name: '双重门槛' })).not.toBeChecked();
  await expect(card.getByText('满意率低于70%的，进行二次整改（本地测评办法）')).toBeVisible();

  const name = `观音桥街道议事代表会议规则${Date.now() % 100000}`;
  await card.getByLabel('副本名称').fill(name);
  await card.getByRole('button', { name: '复制' }).click();
  await expect(page.getByText(`已复制为“${name}”`)).toBeVisible();
  await expect(card.getByRole('combobox', { name: '选择会议规则' })).toBeVisible();
  await expect(card.getByRole('button', { name: '保存规则' })).toBeDisabled();

  await card.getByRole('switch', { name: '测评票设弃权' }).click();
  await card.getByLabel('整改线').fill('75');
  await card.getByRole('switch', { name: '双重门槛' }).click();
  await expect(card.getByText('人大代表与全部议事代表分两个票箱计票')).toBeVisible();
  await card.getByLabel('全部赞成票占出席议事代表分母').fill('4');
  await card.getByLabel('全部赞成票占出席议事代表分子').fill('3');
  await expect(card.getByText('（即超过四分之三）')).toBeVisible();
  await expect(
    card.getByText(
      '依据：人大代表赞成票超过出席人大代表的半数，且全部赞成票超过出席议事代表的四分之三（本地议事规则）',
    ),
  ).toBeVisible();
  await card.screenshot({ path: path.join(shots, 'rule-sets-street-council.png') });
  await card.getByRole('button', { name: '保存规则' }).click();
  await expect(page.getByText(`已保存“${name}”`)).toBeVisible();

  const sets = (await (await request.post('/api/ruleSets.list', { data: {} })).json()) as {
    name: string;
    rules: RuleSetRules;
  }[];
  const saved = sets.find((r) => r.name === name)!.rules;
  expect(saved.evaluation.rating).toMatchObject({
    abstain: true,
    rectify: { on: 'combinedRate', belowHundredths: 7500 },
  });
  expect(saved.doubleThreshold).toMatchObject({ deputies: { num: 1, den: 2 }, all: { num: 3, den: 4, strict: true } });
  // Read back after a reload, as the clerk would see it next time.
  await page.reload();
  await choose(page, card.getByRole('combobox', { name: '选择会议规则' }), `${name}（自定义）`);
  await expect(card.getByRole('switch', { name: '双重门槛' })).toBeChecked();
  await expect(card.getByRole('switch', { name: '测评票设弃权' })).toBeChecked();
  await expect(card.getByLabel('整改线')).toHaveValue('75.00');
  await expect(card.getByText('（即超过四分之三）')).toBeVisible();
});
