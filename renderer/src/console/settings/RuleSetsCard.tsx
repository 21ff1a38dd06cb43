import { Button, Card, Descriptions, Input, InputNumber, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { meetingKindLabels, type RuleSet, type RuleSetRules } from '../../../../shared/contract';
import { GRADED_OVER_MEMBERS, RATES_OVER_RETURNED, type RatingRules } from '../../../../shared/domain/evaluation';
import {
  STREET_DOUBLE_THRESHOLD,
  UNFILLED_OPTIONS,
  fractionText,
  shareOf,
  unfilledBasisFor,
  unfilledOptionLabels,
  type Share,
} from '../../../../shared/domain/rules';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';

/**
 * 会议规则: each rule set's 满意度测评 formula and 整改 trigger, its score rule, and (street councils) the double
 * threshold (../shared/rules/README.md §3, §5). Shipped sets are shown only; a copy is edited and saved as a whole.
 */

const shareText = (s: Share) => `${s.strict ? '超过' : ''}${fractionText(s)}${s.strict ? '' : '以上'}`;
const ratedName = (r: RatingRules) =>
  r.satisfactionRate === 'combined' ? '满意率（满意加基本满意）' : '满意率（仅满意）';

/** The 整改 trigger as the editor offers it: none, a rate below a line, or graded 不满意. */
type Trigger = 'none' | 'rate' | 'grade';
const triggerOf = (r: RatingRules): Trigger => (!r.rectify ? 'none' : r.rectify.on === 'grade' ? 'grade' : 'rate');

function withTrigger(r: RatingRules, t: Trigger, percent: number): RatingRules {
  if (t === 'none') return { ...r, rectify: null };
  if (t === 'grade')
    return { ...r, rectify: { on: 'grade', grades: ['unsatisfied'], basis: GRADED_OVER_MEMBERS.rectify!.basis } };
  // The line applies to the rate the announcement calls 满意率.
  const on = r.satisfactionRate === 'combined' ? 'combinedRate' : 'satisfiedRate';
  return {
    ...r,
    rectify: {
      on,
      belowHundredths: Math.round(percent * 100),
      basis: `满意率低于${percent}%的，进行二次整改（本地测评办法）`,
    },
  };
}

export function RuleSetsCard() {
  const sets = useApi('ruleSets.list', {});
  const [id, setId] = useState<number | null>(null);
  const [draft, setDraft] = useState<RuleSetRules | null>(null);
  const [copyName, setCopyName] = useState('');
  const { busy, run } = useAction();
  const current = sets.data?.find((r) => r.id === id) ?? sets.data?.[0];

  useEffect(() => {
    if (current) setDraft(current.rules);
  }, [current]);

  if (!sets.data || !current || !draft)
    return (
      <Card title="会议规则" size="small" loading={!sets.error}>
        {sets.error}
      </Card>
    );
  const edit = !current.builtin;
  const rating = draft.evaluation.rating;
  const score = draft.evaluation.score;
  const line = rating.rectify && rating.rectify.on !== 'grade' ? rating.rectify.belowHundredths / 100 : 70;
  const setRating = (r: RatingRules) => setDraft({ ...draft, evaluation: { ...draft.evaluation, rating: r } });
  const changed = JSON.stringify(draft) !== JSON.stringify(current.rules);

  const setFormula = (formula: RatingRules['formula']) => {
    const preset = formula === 'graded' ? GRADED_OVER_MEMBERS : RATES_OVER_RETURNED;
    const next = {
      ...rating,
      formula,
      basis: formula === current.rules.evaluation.rating.formula ? current.rules.evaluation.rating.basis : preset.basis,
    };
    // A grade trigger needs grades, a rate line needs rates: switch the trigger with the formula.
    setRating(withTrigger(next, triggerOf(rating) === 'none' ? 'none' : formula === 'graded' ? 'grade' : 'rate', line));
  };
  const shareInput = (which: 'deputies' | 'all', label: string) => {
    const s = draft.doubleThreshold![which];
    // The basis is rewritten from the shares, so the text cited never says 三分之二 where the copy says 四分之三.
    const set = (p: Partial<Share>) => {
      const dt = { ...draft.doubleThreshold!, [which]: { ...s, ...p } };
      const same =
        JSON.stringify([dt.deputies, dt.all]) ===
        JSON.stringify([STREET_DOUBLE_THRESHOLD.deputies, STREET_DOUBLE_THRESHOLD.all]);
      const basis = same
        ? STREET_DOUBLE_THRESHOLD.basis
        : `人大代表赞成票${shareOf(dt.deputies, '出席人大代表')}，且全部赞成票${shareOf(dt.all, '出席议事代表')}（本地议事规则）`;
      setDraft({ ...draft, doubleThreshold: { ...dt, basis } });
    };
    return (
      <Space>
        <span>{label}须超过</span>
        <InputNumber
          aria-label={`${label}分母`}
          min={1}
          max={100}
          value={s.den}
          onChange={(v) => v && set({ den: v })}
          disabled={!edit}
          style={{ width: 64 }}
        />
        <span>分之</span>
        <InputNumber
          aria-label={`${label}分子`}
          min={1}
          max={99}
          value={s.num}
          onChange={(v) => v && set({ num: v })}
          disabled={!edit}
          style={{ width: 64 }}
        />
        <Typography.Text type="secondary">（即{shareText(s)}）</Typography.Text>
      </Space>
    );
  };

  return (
    <Card
      title="会议规则"
      size="small"
      extra={
        <Select
          aria-label="选择会议规则"
          style={{ width: 360 }}
          value={current.id}
          onChange={setId}
          options={sets.data.map((r: RuleSet) => ({
            value: r.id,
            label: `${r.name}${r.builtin ? '（内置）' : '（自定义）'}`,
          }))}
        />
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag>{meetingKindLabels[current.meetingKind]}</Tag>
          <span>法定人数：{current.rules.quorum.basis}</span>
          <span>通过：{current.rules.pass.basis}</span>
        </Space>
        {current.builtin && (
          <Space>
            <Typography.Text type="secondary">内置规则不可修改；如本地规定不同，请复制一份再调整。</Typography.Text>
            <Input
              aria-label="副本名称"
              placeholder="副本名称，如：观音桥街道议事代表会议规则"
              value={copyName}
              onChange={(e) => setCopyName(e.target.value)}
              style={{ width: 320 }}
            />
            <Button
              loading={busy === 'copy'}
              onClick={() =>
                void run(
                  'copy',
                  () => call('ruleSets.copy', { id: current.id, name: copyName.trim() || `${current.name}（副本）` }),
                  (copy) => {
                    setCopyName('');
                    void sets.reload().then(() => setId(copy.id));
                    return `已复制为“${copy.name}”`;
                  },
                )
              }
            >
              复制
            </Button>
          </Space>
        )}
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 180 } }}>
          <Descriptions.Item label="测评计算方法">
            <Radio.Group
              disabled={!edit}
              value={rating.formula}
              onChange={(e) => setFormula(e.target.value as RatingRules['formula'])}
            >
              <Radio value="rates">按收回票计算比率</Radio>
              <Radio value="graded">按全体成员评定等次</Radio>
            </Radio.Group>
            <div>
              <Typography.Text type="secondary">依据：{rating.basis}</Typography.Text>
            </div>
          </Descriptions.Item>
          <Descriptions.Item label="测评票设弃权">
            <Switch
              aria-label="测评票设弃权"
              disabled={!edit}
              checked={rating.abstain}
              onChange={(abstain) => setRating({ ...rating, abstain })}
            />
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {rating.abstain ? '满意、基本满意、不满意、弃权' : '满意、基本满意、不满意'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="公告中的“满意率”">
            <Radio.Group
              disabled={!edit}
              value={rating.satisfactionRate}
              onChange={(e) => {
                const next = { ...rating, satisfactionRate: e.target.value as RatingRules['satisfactionRate'] };
                setRating(triggerOf(next) === 'rate' ? withTrigger(next, 'rate', line) : next);
              }}
            >
              <Radio value="combined">满意加基本满意</Radio>
              <Radio value="satisfied">仅满意</Radio>
            </Radio.Group>
          </Descriptions.Item>
          <Descriptions.Item label="整改条件">
            <Space>
              <Select
                aria-label="整改条件"
                disabled={!edit}
                style={{ width: 280 }}
                value={triggerOf(rating)}
                onChange={(t: Trigger) => setRating(withTrigger(rating, t, line))}
                options={[
                  { value: 'none', label: '不设' },
                  { value: 'rate', label: `${ratedName(rating)}低于`, disabled: rating.formula === 'graded' },
                  { value: 'grade', label: '评为不满意', disabled: rating.formula !== 'graded' },
                ]}
              />
              {triggerOf(rating) === 'rate' && (
                <InputNumber
                  aria-label="整改线"
                  disabled={!edit}
                  min={0}
                  max={100}
                  step={1}
                  precision={2}
                  value={line}
                  addonAfter="%"
                  onChange={(v) => v !== null && setRating(withTrigger(rating, 'rate', v))}
                />
              )}
            </Space>
            {rating.rectify && (
              <div>
                <Typography.Text type="secondary">依据：{rating.rectify.basis}</Typography.Text>
              </div>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="现场打分">
            <Switch
              aria-label="去掉一个最高分和一个最低分"
              disabled={!edit}
              checked={score.trimmed}
              onChange={(trimmed) =>
                setDraft({ ...draft, evaluation: { ...draft.evaluation, score: { ...score, trimmed } } })
              }
            />
            <span style={{ marginLeft: 8 }}>
              {score.trimmed ? '去掉一个最高分和一个最低分后取平均分' : '全部有效评分取平均分'}
            </span>
            {score.rectify && (
              <div>
                <Typography.Text type="secondary">整改：{score.rectify.basis}</Typography.Text>
              </div>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="票决空缺名额">
            <Radio.Group
              aria-label="票决空缺名额"
              disabled={!edit}
              value={draft.unfilled.allow}
              // The basis is rewritten with the option, so the text cited never names another rule.
              onChange={(e) => {
                const allow = e.target.value as RuleSetRules['unfilled']['allow'];
                setDraft({
                  ...draft,
                  unfilled: {
                    allow,
                    basis:
                      allow === current.rules.unfilled.allow ? current.rules.unfilled.basis : unfilledBasisFor(allow),
                  },
                });
              }}
            >
              {UNFILLED_OPTIONS.map((o) => (
                <Radio key={o} value={o}>
                  {unfilledOptionLabels[o]}
                </Radio>
              ))}
            </Radio.Group>
            <div>
              <Typography.Text type="secondary" data-testid="unfilled-basis">
                依据：{draft.unfilled.basis}
              </Typography.Text>
            </div>
          </Descriptions.Item>
          {current.meetingKind === 'street_council' && (
            <Descriptions.Item label="双重门槛（表决）">
              <Switch
                aria-label="双重门槛"
                disabled={!edit}
                checked={!!draft.doubleThreshold}
                onChange={(on) => setDraft({ ...draft, doubleThreshold: on ? STREET_DOUBLE_THRESHOLD : null })}
              />
              <span style={{ marginLeft: 8 }}>
                {draft.doubleThreshold ? '人大代表与全部议事代表分两个票箱计票' : '不设：按通过比例计算'}
              </span>
              {draft.doubleThreshold && (
                <Space orientation="vertical" style={{ display: 'flex', marginTop: 8 }}>
                  {shareInput('deputies', '人大代表赞成票占出席人大代表')}
                  {shareInput('all', '全部赞成票占出席议事代表')}
                  <Typography.Text type="secondary">依据：{draft.doubleThreshold.basis}</Typography.Text>
                </Space>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        {edit && (
          <Space>
            <Button
              type="primary"
              disabled={!changed}
              loading={busy === 'save'}
              onClick={() =>
                void run(
                  'save',
                  () => call('ruleSets.update', { id: current.id, name: current.name, rules: draft }),
                  (saved) => {
                    void sets.reload();
                    return `已保存“${saved.name}”`;
                  },
                )
              }
            >
              保存规则
            </Button>
            <Button disabled={!changed} onClick={() => setDraft(current.rules)}>
              还原
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
