import { matchesQuery } from '../../../shared/domain/search';
import { LanNetworkError, LanRefusal, type LanClient } from './client';
import type {
  CastAck,
  DeskMember,
  DeskSignedIn,
  DeskState,
  DeskSummary,
  TerminalPoll,
  TerminalState,
} from './protocol';

/**
 * The in-memory stand-in for the host (…/terminal.html#demo=motion): for trying the pages on a phone before a
 * meeting, for screenshots, and for tests of the pages alone. It keeps the protocol's promises that matter to the
 * page — one count per idempotency key, 「您已投票，不能更改」 on a second key — and can drop the first few
 * submits (`&drop=2`) as a bad Wi-Fi would. Nothing leaves the page; a banner says so.
 */
const MOTION = [
  { value: 'yes', label: '赞成' },
  { value: 'no', label: '反对' },
  { value: 'abstain', label: '弃权' },
];
const RATING3 = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];
const PROJECTS = [
  '城区老旧小区改造',
  '中小学食堂提升',
  '农村饮水安全巩固',
  '社区养老服务站',
  '背街小巷路面整治',
  '公共停车位增设',
  '菜市场标准化改造',
  '河道清淤与岸线绿化',
  '社区卫生服务中心扩建',
  '智慧公交站台',
  '残疾人康复服务',
  '城乡垃圾分类',
];
const DEPARTMENTS = [
  '区住房城乡建设委',
  '区教委',
  '区水利局',
  '区民政局',
  '区城市管理局',
  '区交通局',
  '区商务委',
  '区卫生健康委',
];

export function demoPoll(name: string): TerminalPoll | null {
  const base = { secret: true, voted: false };
  switch (name) {
    case 'motion':
      return {
        ...base,
        roundId: 101,
        kind: 'motion',
        title: '关于江北区2026年国民经济和社会发展计划的决议（草案）',
        choices: MOTION,
        items: [],
      };
    case 'choose':
      return {
        ...base,
        roundId: 102,
        kind: 'project_vote',
        style: 'choose',
        title: '2026年民生实事项目票决（12选10）',
        seats: 10,
        maxMarks: 10,
        choices: [],
        items: PROJECTS.map((n, i) => ({ id: 201 + i, number: String(i + 1), name: n })),
      };
    case 'approve':
      return {
        ...base,
        roundId: 103,
        kind: 'project_vote',
        style: 'approve',
        title: '2026年民生实事项目逐项表决',
        seats: 6,
        choices: MOTION,
        items: PROJECTS.slice(0, 6).map((n, i) => ({ id: 201 + i, number: String(i + 1), name: n })),
      };
    case 'rating':
    case 'rating4':
      return {
        ...base,
        roundId: name === 'rating' ? 104 : 105,
        kind: 'evaluation',
        style: 'rating',
        title: '代表建议办理情况满意度测评',
        choices: name === 'rating' ? RATING3 : [...RATING3, { value: 'abstain', label: '弃权' }],
        items: Array.from({ length: 75 }, (_x, i) => ({
          id: 301 + i,
          number: String(i + 1),
          name: `${DEPARTMENTS[i % DEPARTMENTS.length]}办理第${String(i + 11).padStart(3, '0')}号建议`,
        })),
      };
    default:
      return null;
  }
}

const ROSTER = [
  ['王建国', 'wangjianguo', 'wjg', '区人大常委会'],
  ['李秀英', 'lixiuying', 'lxy', '石马河街道'],
  ['张伟', 'zhangwei', 'zw', '观音桥街道'],
  ['刘洋', 'liuyang', 'ly', '区教委'],
  ['陈静', 'chenjing', 'cj', '寸滩街道'],
  ['杨帆', 'yangfan', 'yf', '大石坝街道'],
  ['赵敏', 'zhaomin', 'zm', '鱼嘴镇'],
  ['黄磊', 'huanglei', 'hl', '复盛镇'],
  ['周丽', 'zhouli', 'zl', '五宝镇'],
  ['吴刚', 'wugang', 'wg', '郭家沱街道'],
  ['张丽华', 'zhanglihua', 'zlh', '铁山坪街道'],
  ['张立新', 'zhanglixin', 'zlx', '华新街街道'],
] as const;

export function demoClient(scenario: string, o: { drop?: number } = {}): LanClient {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => setTimeout(l, 0));
  const poll = demoPoll(scenario);
  const acks = new Map<string, CastAck>();
  let voted = false;
  let drops = o.drop ?? 0;
  const status = new Map<number, DeskMember['status']>(ROSTER.map((_r, i) => [i + 1, i === 3 ? 'leave' : 'pending']));
  const summary = (): DeskSummary => {
    const expected = ROSTER.length;
    const present = [...status.values()].filter((s) => s === 'present').length;
    const leave = [...status.values()].filter((s) => s === 'leave').length;
    const half = Math.floor(expected / 2) + 1;
    return {
      expected,
      present,
      leave,
      quorumText:
        present >= half ? `实到${present}名，超过半数，符合法定人数` : `实到${present}名，未过半数（需${half}名）`,
    };
  };
  const pause = () => new Promise((r) => setTimeout(r, 120));
  return {
    async terminalState(): Promise<TerminalState> {
      await pause();
      if (scenario === 'revoked')
        throw new LanRefusal('这张投票码已失效（已作废或已补发），请向会务工作人员领取新的投票码');
      return {
        meeting: { title: '重庆市江北区第十九届人民代表大会第六次会议', date: '2026-01-08' },
        deputy: { name: '李秀英' },
        poll: poll && { ...poll, voted },
      };
    },
    async cast({ roundId, idempotencyKey }) {
      await pause();
      if (drops > 0) {
        drops--;
        throw new LanNetworkError('演示：网络中断');
      }
      const again = acks.get(idempotencyKey);
      if (again) return again;
      if (!poll || roundId !== poll.roundId) throw new LanRefusal('本轮投票已结束或尚未开始');
      if (voted) throw new LanRefusal('您已投票，不能更改');
      voted = true;
      const ack: CastAck = { accepted: true, roundId, receipt: idempotencyKey.slice(0, 8).toUpperCase() };
      acks.set(idempotencyKey, ack);
      changed();
      return ack;
    },
    async deskState(): Promise<DeskState> {
      await pause();
      return {
        meeting: { title: '重庆市江北区第十九届人民代表大会第六次会议', date: '2026-01-08' },
        desk: { name: '北门签到台' },
        summary: summary(),
      };
    },
    async search(query): Promise<DeskMember[]> {
      return ROSTER.map(([name, pinyin, initials, unit], i) => ({ i, name, pinyin, initials, unit }))
        .filter((r) => matchesQuery(r, query))
        .slice(0, 8)
        .map((r) => ({
          membershipId: r.i + 1,
          name: r.name,
          unit: r.unit,
          status: status.get(r.i + 1)! as DeskMember['status'],
        }));
    },
    async signIn({ badge, membershipId }): Promise<DeskSignedIn> {
      await pause();
      let id = membershipId;
      if (badge !== undefined) {
        const m = /^QD([0-9]{4})[A-Z0-9]{6}$/.exec(badge);
        id = m ? Number(m[1]) : undefined;
        if (!id || !status.has(id)) throw new LanRefusal('签到码无效或不属于本次会议');
      }
      const before = status.get(id!);
      if (!before) throw new LanRefusal('本次会议没有这名代表');
      if (before === 'present')
        return { membershipId: id!, name: ROSTER[id! - 1]![0], status: 'present', already: true, summary: summary() };
      status.set(id!, 'present');
      changed();
      return { membershipId: id!, name: ROSTER[id! - 1]![0], status: 'present', already: false, summary: summary() };
    },
    onChanged(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
