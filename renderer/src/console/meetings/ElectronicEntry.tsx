import { Button, Input, Progress, Space, Tag, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  CHOICES,
  choiceLabels,
  type Attendance,
  type AttendanceRow,
  type Choice,
  type Vote,
} from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useMemberSearch } from './memberSearch';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { flash } from './flash';
import { VoteFrozen } from './VoteFrozen';

const KEYS: Record<string, Choice> = { '1': 'yes', '2': 'no', '3': 'abstain' };

/**
 * An electronic vote in progress: only 已投 X / 应投 Y, never a running tally. When a deputy's device fails the
 * clerk enters that deputy's vote here: find the deputy by seat number, name or pinyin (Enter), then 1/2/3.
 */
export function ElectronicEntry({ vote, attendance }: { vote: Vote; attendance: Attendance | undefined }) {
  const { busy, run } = useAction();
  const confirm = useConfirm();
  const box = useRef<InputRef>(null);
  const pad = useRef<HTMLDivElement>(null);
  const [entered, setEntered] = useState<Set<number>>(() => new Set());
  const [member, setMember] = useState<AttendanceRow | null>(null);
  const [casting, setCasting] = useState(false);
  const present = useMemo(() => (attendance?.rows ?? []).filter((r) => r.status === 'present'), [attendance]);
  const search = useMemberSearch(present);

  // The keyboard follows the step: the search box, then (a member chosen) the 1/2/3 pad, then back.
  useEffect(() => {
    if (member) pad.current?.focus();
    else box.current?.focus();
  }, [member]);

  function pick(r: AttendanceRow) {
    setMember(r);
    search.change('');
  }

  function cancel() {
    setMember(null);
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      search.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape') {
      search.change('');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (search.target) pick(search.target);
      else if (search.ambiguous)
        flash('warning', `共 ${search.matches.length} 人符合“${search.query.trim()}”：请按 ↑↓ 选择后回车`);
      else if (search.query.trim()) flash('warning', `出席${attendance?.noun ?? '成员'}中没有“${search.query.trim()}”`);
    }
  }

  async function cast(choice: Choice) {
    if (!member || casting) return;
    setCasting(true);
    try {
      await call('votes.cast', { id: vote.id, membershipId: member.membershipId, choice });
      // A secret ballot's choice is not repeated on screen.
      flash(
        'success',
        vote.secrecy === 'secret'
          ? `已为 ${member.name} 录入表决`
          : `已为 ${member.name} 录入：${choiceLabels[choice]}`,
      );
      setEntered((s) => new Set(s).add(member.membershipId));
      cancel();
    } catch (e) {
      flash('error', errorMessage(e));
    } finally {
      setCasting(false);
    }
  }

  function onPadKey(e: KeyboardEvent<HTMLDivElement>) {
    const choice = KEYS[e.key];
    if (choice) {
      e.preventDefault();
      void cast(choice);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  }

  async function close() {
    const ok = await confirm({
      title: '结束表决？',
      content: `结束表决后不能再投票。已投${vote.cast}人，未投${vote.eligible - vote.cast}人（实到${vote.eligible}人）。确定结束？`,
      okText: '结束表决',
      danger: true,
    });
    if (ok)
      await run(
        'close',
        () => call('votes.close', { id: vote.id }),
        () => '表决已结束',
      );
  }

  const percent = vote.eligible ? Math.round((vote.cast / vote.eligible) * 100) : 0;
  return (
    <div className="vote-open">
      <div className="vote-progress" data-testid="vote-progress">
        <span className="vote-progress-text">
          已投 <b>{vote.cast}</b> / 应投 <b>{vote.eligible}</b>
        </span>
        <Progress percent={percent} showInfo={false} strokeColor="#b71c1c" style={{ flex: 1, margin: 0 }} />
        <Button type="primary" danger loading={busy === 'close'} onClick={close}>
          结束表决
        </Button>
      </div>
      <VoteFrozen vote={vote} />
      <div className="clerk-entry">
        <div className="clerk-entry-title">代为录入（表决器故障时）</div>
        {member ? (
          <div ref={pad} tabIndex={-1} className="clerk-pad" onKeyDown={onPadKey} data-testid="clerk-pad">
            <div className="clerk-member">
              {member.seatNo && <span className="muted">{member.seatNo}号 </span>}
              {member.name}
              {entered.has(member.membershipId) && <Tag style={{ marginLeft: 8 }}>本机已录入</Tag>}
            </div>
            <Space>
              {CHOICES.map((c, i) => (
                <Button key={c} size="large" loading={casting} className={`choice-${c}`} onClick={() => cast(c)}>
                  {choiceLabels[c]} <span className="kbd">{i + 1}</span>
                </Button>
              ))}
              <Button size="large" type="text" onClick={cancel}>
                取消 <span className="kbd">Esc</span>
              </Button>
            </Space>
          </div>
        ) : (
          <>
            <Input
              ref={box}
              size="large"
              aria-label="代为录入"
              placeholder="出席者的座位号、姓名或拼音，回车选定，再按 1 赞成 / 2 反对 / 3 弃权"
              value={search.query}
              onChange={(e) => search.change(e.target.value)}
              onKeyDown={onSearchKey}
              style={{ maxWidth: 520 }}
            />
            {search.matches.length > 0 && (
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
                    {entered.has(r.membershipId) ? '（已录入）' : ''}
                  </Button>
                ))}
                {search.matches.length > 8 && <span className="muted">…共 {search.matches.length} 人</span>}
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
