import { Button, Input, InputNumber, Radio, Tag, type InputRef } from 'antd';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Attendance, AttendanceRow } from '../../../../shared/contract';
import type { PollItem, PollRound } from '../../../../shared/contract/poll-types';
import { ratingLabels, type RatingMark } from '../../../../shared/domain/evaluation';
import { call, errorMessage } from '../../api/client';
import { useConfirm } from '../common/confirm';
import { flash } from '../meetings/flash';
import { useMemberSearch } from '../meetings/memberSearch';
import { RATING_KEYS, RATING_MARK_CLASS, hasAbstain } from './common';

type Mark = RatingMark | number | null;

/**
 * Electronic 测评 entered by the clerk for one deputy at a time (terminals come later): find the deputy as at
 * sign-in, then one row per item — 1 满意, 2 基本满意, 3 不满意, 0 弃权 mark the current row and move down (a 评分
 * takes a number and Enter) — unmarked items are highlighted before 提交, which asks once, then polls.cast.
 * The choices are not repeated after the cast: the ballot is secret.
 */
export function RatingEntry({ round, attendance }: { round: PollRound; attendance: Attendance | undefined }) {
  const confirm = useConfirm();
  const box = useRef<InputRef>(null);
  const pad = useRef<HTMLDivElement>(null);
  const [member, setMember] = useState<AttendanceRow | null>(null);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [at, setAt] = useState(0);
  const [showMissing, setShowMissing] = useState(false);
  const [casting, setCasting] = useState(false);
  const [entered, setEntered] = useState<Set<number>>(() => new Set());
  const present = useMemo(() => (attendance?.rows ?? []).filter((r) => r.status === 'present'), [attendance]);
  const search = useMemberSearch(present);
  const items = round.items;
  const score = round.style === 'score';
  const abstain = hasAbstain(round);

  useEffect(() => {
    if (member) pad.current?.focus();
    else box.current?.focus();
  }, [member]);

  function pick(r: AttendanceRow) {
    setMember(r);
    setMarks(items.map(() => null));
    setAt(0);
    setShowMissing(false);
    search.change('');
  }

  function setMark(i: number, m: Mark) {
    setMarks((all) => all.map((x, j) => (j === i ? m : x)));
    setAt(Math.min(i + 1, items.length - 1));
  }

  async function submit() {
    if (!member || casting) return;
    const missing = marks.filter((m) => m === null).length;
    if (missing) {
      setShowMissing(true);
      const ok = await confirm({
        title: `还有${missing}项未标记`,
        content: `未标记的${missing}项按“该项无效”计，其余各项照常计入。确定提交${member.name}的测评票？`,
        okText: '仍然提交',
      });
      pad.current?.focus();
      if (!ok) return;
    } else {
      const ok = await confirm({
        title: `提交${member.name}的测评票？`,
        content: `共${items.length}项，已全部标记。提交后不能更改。`,
        okText: '提交',
      });
      pad.current?.focus();
      if (!ok) return;
    }
    setCasting(true);
    try {
      const ballot = score
        ? { scores: marks.map((m) => (typeof m === 'number' ? m : null)) }
        : { ratings: marks.map((m) => (typeof m === 'string' ? m : null)) };
      await call('polls.cast', { id: round.id, membershipId: member.membershipId, ballot });
      flash('success', `已为 ${member.name} 录入测评票`);
      setEntered((s) => new Set(s).add(member.membershipId));
      setMember(null);
    } catch (e) {
      flash('error', errorMessage(e));
    } finally {
      setCasting(false);
    }
  }

  function onPadKey(e: KeyboardEvent<HTMLDivElement>) {
    if (isTyping(e)) return;
    const mark = RATING_KEYS[e.key];
    if (!score && mark && (mark !== 'abstain' || abstain)) {
      e.preventDefault();
      setMark(at, mark);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setAt((i) => Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setMarks((all) => all.map((x, j) => (j === at ? null : x)));
    } else if (e.key === 'Enter' && (e.ctrlKey || !score)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMember(null);
    }
  }

  const done = marks.filter((m) => m !== null).length;
  return (
    <div className="clerk-entry" data-testid="rating-entry">
      <div className="clerk-entry-title">代为录入测评票（逐人）</div>
      {member ? (
        <div ref={pad} tabIndex={-1} className="clerk-pad rating-pad" onKeyDown={onPadKey} data-testid="rating-pad">
          <div className="clerk-member">
            {member.seatNo && <span className="muted">{member.seatNo}号 </span>}
            {member.name}
            <span className="muted" style={{ marginLeft: 12, fontSize: 14 }}>
              已标记 {done} / {items.length} 项。
              {score
                ? '输入分数后回车移到下一项，Ctrl+Enter 提交'
                : `按 1 满意 / 2 基本满意 / 3 不满意${abstain ? ' / 0 弃权' : ''}，自动移到下一项；↑↓ 移动，回车提交`}
              ，Esc 取消
            </span>
          </div>
          <RatingRows
            items={items}
            marks={marks}
            at={at}
            score={score}
            abstain={abstain}
            showMissing={showMissing}
            onMark={setMark}
            onAt={setAt}
          />
          <div style={{ marginTop: 8, display: 'flex', gap: 8 }}>
            <Button type="primary" size="large" loading={casting} onClick={() => void submit()}>
              提交（{score ? 'Ctrl+' : ''}Enter）
            </Button>
            <Button size="large" type="text" onClick={() => setMember(null)}>
              取消 <span className="kbd">Esc</span>
            </Button>
          </div>
        </div>
      ) : (
        <>
          <Input
            ref={box}
            size="large"
            aria-label="代为录入测评票"
            placeholder="出席者的座位号、姓名或拼音，回车选定，再逐项按 1 / 2 / 3"
            value={search.query}
            onChange={(e) => search.change(e.target.value)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                search.move(e.key === 'ArrowDown' ? 1 : -1);
              } else if (e.key === 'Enter') {
                e.preventDefault();
                if (search.target) pick(search.target);
                else if (search.ambiguous)
                  flash('warning', `共 ${search.matches.length} 人符合“${search.query.trim()}”：请按 ↑↓ 选择后回车`);
                else if (search.query.trim())
                  flash('warning', `出席${attendance?.noun ?? '成员'}中没有“${search.query.trim()}”`);
              }
            }}
            style={{ maxWidth: 520 }}
          />
          {search.matches.length > 0 && search.query.trim() && (
            <div className="clerk-matches">
              {search.matches.slice(0, 8).map((r) => (
                <Button
                  key={r.membershipId}
                  size="small"
                  type={r === search.target ? 'primary' : 'default'}
                  onClick={() => pick(r)}
                >
                  {r.seatNo ? `${r.seatNo}号 ` : ''}
                  {r.name}
                  {entered.has(r.membershipId) ? '（本机已录入）' : ''}
                </Button>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}

const isTyping = (e: KeyboardEvent) => e.target instanceof HTMLInputElement;

/** One row per item; the current one is outlined and kept in view, unmarked ones turn amber once 提交 was tried. */
const RatingRows = memo(function RatingRows({
  items,
  marks,
  at,
  score,
  abstain,
  showMissing,
  onMark,
  onAt,
}: {
  items: PollItem[];
  marks: Mark[];
  at: number;
  score: boolean;
  abstain: boolean;
  showMissing: boolean;
  onMark: (i: number, m: Mark) => void;
  onAt: (i: number) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (list.current?.children[at] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
  }, [at]);
  const options = (
    ['satisfied', 'basically', 'unsatisfied', ...(abstain ? (['abstain'] as const) : [])] as RatingMark[]
  ).map((m) => ({ value: m, label: ratingLabels[m] }));
  return (
    <div className="rating-rows" ref={list}>
      {items.map((it, i) => {
        const m = marks[i] ?? null;
        return (
          <div
            key={it.id}
            className={`rating-row${i === at ? ' current' : ''}${showMissing && m === null ? ' missing' : ''}${typeof m === 'string' ? ` ${RATING_MARK_CLASS[m]}` : ''}`}
            data-testid={`rating-row-${it.position}`}
            onClick={() => onAt(i)}
          >
            <span className="ref-no">{it.position}</span>
            <span className="rating-row-title">{it.title}</span>
            {score ? (
              <InputNumber
                min={0}
                max={100}
                precision={0}
                aria-label={`第${it.position}项评分`}
                value={typeof m === 'number' ? m : null}
                onChange={(v) => onMark(i, v ?? null)}
                onPressEnter={(e) =>
                  (
                    e.currentTarget
                      .closest('.rating-rows')
                      ?.children[i + 1]?.querySelector('input') as HTMLInputElement | null
                  )?.focus()
                }
              />
            ) : (
              <Radio.Group
                size="small"
                optionType="button"
                value={m}
                options={options}
                onChange={(e) => onMark(i, e.target.value as RatingMark)}
              />
            )}
            {showMissing && m === null && <Tag color="gold">未标记</Tag>}
          </div>
        );
      })}
    </div>
  );
});
