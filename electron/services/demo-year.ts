import {
  AppError,
  type AgendaItem,
  type Input,
  type Meeting,
  type MethodName,
  type PollRound,
  type Project,
  type ProjectList,
  type ProjectVote,
  type RuleSet,
} from '../../shared/contract';
import type { ProjectOrigin, ScreeningState } from '../../shared/domain/project-screening';
import { SCREENING_STEPS } from '../../shared/domain/project-screening';
import { dispatch } from './dispatch';
import type { Runtime } from './runtime';

/**
 * The project year of the demo district (issue 11, item 8): a newcomer opens 江北区人大 and sees a whole year at
 * once. Last year (2026): the candidate list screened and adopted by 主任会议, the annual session choosing 10 of 12,
 * plans, milestones (one behind), progress through the year, a 代表视察, the 年中会议 hearing the progress and
 * rating it, the year-end 测评 in which one falls below the 整改 line (its 整改 open, the department's first
 * response in). This year (2027): the list adopted by 常委会 and ready for the annual session, and a street council's
 * candidates still being screened. Everything through the contract (validation, audit log, derived tables), with
 * fixed dates and fixed votes so it is the same every time.
 */

export interface YearBodies {
  districtId: number;
  /** The district deputies' membership ids, in roster order. */
  deputies: number[];
  streetId: number;
}

type Call = <M extends MethodName>(name: M, input: Input<M>) => Promise<unknown>;

interface Candidate {
  name: string;
  category: string;
  department: string;
  budgetWan: number;
  origin: ProjectOrigin;
  proposer: string;
  summary: string;
}

/** 2026: 12 candidates for 10 seats, in ballot order, and one that did not make the list. */
const CANDIDATES_2026: Candidate[] = [
  {
    name: '老旧小区改造提升（15个小区）',
    category: '住房',
    department: '区住房城乡建设委',
    budgetWan: 3200,
    origin: 'suggestion',
    proposer: '第3代表小组（领衔代表：王建国）',
    summary: '对建成于2000年前的15个老旧小区实施雨污分流、加装电梯、外立面和管网改造，惠及居民6200户。',
  },
  {
    name: '社区养老服务中心建设（新建8个）',
    category: '养老',
    department: '区民政局',
    budgetWan: 2400,
    origin: 'public',
    proposer: '区人大常委会民生实事征集（群众来信来电）',
    summary: '在8个街道新建社区养老服务中心，提供日间照料、助餐、康复等服务。',
  },
  {
    name: '中小学校舍安全提升',
    category: '教育',
    department: '区教委',
    budgetWan: 1800,
    origin: 'department',
    proposer: '区教委',
    summary: '完成12所中小学校舍抗震加固和消防改造，新建学生食堂2个。',
  },
  {
    name: '背街小巷综合整治（30条）',
    category: '城市管理',
    department: '区城市管理局',
    budgetWan: 1500,
    origin: 'liaison',
    proposer: '民情联络员（观音桥街道）',
    summary: '整治30条背街小巷的路面、照明、排水和杆线。',
  },
  {
    name: '社区卫生服务中心标准化建设',
    category: '医疗',
    department: '区卫生健康委',
    budgetWan: 1300,
    origin: 'suggestion',
    proposer: '第7代表小组（领衔代表：李秀英）',
    summary: '6个社区卫生服务中心按国家标准改造，增设中医馆和慢病管理门诊。',
  },
  {
    name: '公交线路优化和候车亭新建',
    category: '交通',
    department: '区交通局',
    budgetWan: 900,
    origin: 'public',
    proposer: '网络征集（“我为民生实事献一策”）',
    summary: '优化公交线路8条，新建和改造候车亭60座。',
  },
  {
    name: '嘉陵江滨江步道贯通',
    category: '生态环境',
    department: '区城市管理局',
    budgetWan: 2600,
    origin: 'suggestion',
    proposer: '第1代表小组（领衔代表：张志强）',
    summary: '贯通滨江步道4.2公里，配套照明、座椅和公厕。',
  },
  {
    name: '农贸市场改造升级（5个）',
    category: '商贸',
    department: '区商务委',
    budgetWan: 1100,
    origin: 'liaison',
    proposer: '民情联络员（华新街街道）',
    summary: '5个农贸市场实施雨污分流、通风和智慧监管改造。',
  },
  {
    name: '新增公共停车位2000个',
    category: '交通',
    department: '区交通局',
    budgetWan: 2000,
    origin: 'department',
    proposer: '区交通局',
    summary: '利用边角地和闲置地块新建公共停车场12处，新增泊位2000个。',
  },
  {
    name: '智慧养老“一键呼叫”服务',
    category: '养老',
    department: '区民政局',
    budgetWan: 600,
    origin: 'public',
    proposer: '区人大常委会民生实事征集（12345热线）',
    summary: '为3000户独居、空巢老人安装紧急呼叫设备，24小时响应。',
  },
  {
    name: '社区托育服务点建设',
    category: '托育',
    department: '区卫生健康委',
    budgetWan: 700,
    origin: 'suggestion',
    proposer: '第10代表小组（领衔代表：陈丽萍）',
    summary: '新建普惠性社区托育服务点10个，新增托位300个。',
  },
  {
    name: '老年大学分校建设',
    category: '教育',
    department: '区教委',
    budgetWan: 800,
    origin: 'department',
    proposer: '区委老干部局',
    summary: '在3个街道设立老年大学分校。',
  },
];
const REJECTED_2026 = {
  name: '城区地下综合管廊建设',
  category: '市政',
  department: '区住房城乡建设委',
  budgetWan: 45000,
  origin: 'department' as const,
  proposer: '区住房城乡建设委',
  summary: '建设地下综合管廊8公里。',
  reason: '投资规模远超年度民生实事项目财力，且建设周期跨年度，转入区“十五五”规划统筹推进',
};

/** 2027: 12 candidates for 10 seats, adopted by 常委会 and waiting for the annual session. */
const CANDIDATES_2027: Candidate[] = [
  {
    name: '社区托育服务点建设（10个）',
    category: '托育',
    department: '区卫生健康委',
    budgetWan: 750,
    origin: 'suggestion',
    proposer: '第10代表小组（领衔代表：陈丽萍）',
    summary: '新建普惠性社区托育服务点10个，新增托位300个。',
  },
  {
    name: '老旧小区改造提升（二期，12个小区）',
    category: '住房',
    department: '区住房城乡建设委',
    budgetWan: 2800,
    origin: 'suggestion',
    proposer: '第3代表小组（领衔代表：王建国）',
    summary: '对12个老旧小区实施综合改造。',
  },
  {
    name: '中小学课后服务和午休条件改善',
    category: '教育',
    department: '区教委',
    budgetWan: 900,
    origin: 'public',
    proposer: '网络征集（“我为民生实事献一策”）',
    summary: '为20所小学配置午休课桌椅，扩大课后服务覆盖面。',
  },
  {
    name: '老年助餐点建设（30个）',
    category: '养老',
    department: '区民政局',
    budgetWan: 1200,
    origin: 'liaison',
    proposer: '民情联络员（观音桥街道）',
    summary: '新建老年助餐点30个，覆盖全部社区。',
  },
  {
    name: '城市“口袋公园”建设（20个）',
    category: '生态环境',
    department: '区城市管理局',
    budgetWan: 1600,
    origin: 'public',
    proposer: '区人大常委会民生实事征集（群众来信来电）',
    summary: '利用边角地建设口袋公园20个。',
  },
  {
    name: '充电桩和新能源停车位建设',
    category: '交通',
    department: '区发展改革委',
    budgetWan: 1000,
    origin: 'department',
    proposer: '区发展改革委',
    summary: '新建公共充电桩800个。',
  },
  {
    name: '二级以上医院夜间门诊延时服务',
    category: '医疗',
    department: '区卫生健康委',
    budgetWan: 500,
    origin: 'suggestion',
    proposer: '第5代表小组（领衔代表：刘海燕）',
    summary: '3家二级以上医院开设夜间门诊。',
  },
  {
    name: '农村饮水安全巩固提升',
    category: '农村',
    department: '区水利局',
    budgetWan: 1400,
    origin: 'suggestion',
    proposer: '第12代表小组（领衔代表：周德明）',
    summary: '改造农村供水管网60公里。',
  },
  {
    name: '社区嵌入式体育设施建设',
    category: '文体',
    department: '区文化旅游委',
    budgetWan: 800,
    origin: 'public',
    proposer: '网络征集（“我为民生实事献一策”）',
    summary: '建设社区健身中心10个、多功能运动场15块。',
  },
  {
    name: '校园周边交通安全整治',
    category: '交通',
    department: '区交通局',
    budgetWan: 600,
    origin: 'liaison',
    proposer: '民情联络员（华新街街道）',
    summary: '为40所中小学校周边增设护栏、信号灯和接送区。',
  },
  {
    name: '残疾人康复服务站建设',
    category: '社会保障',
    department: '区残联',
    budgetWan: 450,
    origin: 'department',
    proposer: '区残联',
    summary: '新建社区残疾人康复服务站8个。',
  },
  {
    name: '农贸市场改造升级（二期）',
    category: '商贸',
    department: '区商务委',
    budgetWan: 900,
    origin: 'department',
    proposer: '区商务委',
    summary: '再改造4个农贸市场。',
  },
];

/** A street council's 2027 candidates, still being screened (征集 → 初审 → 论证/评估 → 合法性审查). */
const STREET_2027: [
  Omit<Candidate, 'department' | 'budgetWan'> & { budgetWan: number; department: string },
  ScreeningState,
][] = [
  [
    {
      name: '北城天街周边慢行系统改造',
      category: '交通',
      department: '观音桥街道办事处',
      budgetWan: 180,
      origin: 'liaison',
      proposer: '民情联络员（建北社区）',
      summary: '改造人行道和非机动车道1.5公里。',
    },
    'legal_checked',
  ],
  [
    {
      name: '社区食堂建设（3个）',
      category: '养老',
      department: '观音桥街道办事处',
      budgetWan: 120,
      origin: 'suggestion',
      proposer: '第2议事小组',
      summary: '在3个社区建设社区食堂。',
    },
    'assessed',
  ],
  [
    {
      name: '小区加装电梯（10部）',
      category: '住房',
      department: '观音桥街道办事处',
      budgetWan: 300,
      origin: 'public',
      proposer: '居民联名（花园社区）',
      summary: '为老旧小区加装电梯10部。',
    },
    'reviewed',
  ],
  [
    {
      name: '社区图书室提档升级',
      category: '文体',
      department: '观音桥街道办事处',
      budgetWan: 60,
      origin: 'public',
      proposer: '居民意见箱',
      summary: '',
    },
    'collected',
  ],
];

/** The annual session's 票决: present deputies and each candidate's 赞成 votes (151 = more than half of 300 needed). */
const PRESENT_ANNUAL = 262;
const YES_2026 = [255, 248, 243, 239, 231, 226, 219, 204, 187, 172, 138, 121];

/** Plans and milestones of the 10 chosen, by ballot number: lead, start, finish, milestones [title, due, done]. */
const PLANS: Record<
  number,
  {
    lead: string;
    start: string;
    finish: string;
    milestones: [string, string, string | null][];
    progress: [string, number, number, string][];
  }
> = {
  1: {
    lead: '王德明',
    start: '2026-03-01',
    finish: '2026-12-31',
    milestones: [
      ['完成设计和招标', '2026-04-30', '2026-04-25'],
      ['9个小区主体完工', '2026-09-30', '2026-09-28'],
      ['全部完工验收', '2026-12-31', null],
    ],
    progress: [
      ['2026-03-31', 10, 260, '完成15个小区设计方案公示，启动施工招标。'],
      ['2026-06-30', 45, 1350, '9个小区进场施工，雨污分流完成60%。'],
      ['2026-09-30', 75, 2380, '9个小区主体完工，其余6个进入收尾。'],
      ['2026-11-20', 90, 2860, '13个小区完工，加装电梯21部投入使用。'],
    ],
  },
  2: {
    lead: '刘桂英',
    start: '2026-02-15',
    finish: '2026-11-30',
    milestones: [
      ['选址和改造方案确定', '2026-03-31', '2026-03-28'],
      ['8个中心建成运营', '2026-11-30', '2026-11-18'],
    ],
    progress: [
      ['2026-03-31', 15, 300, '8个中心选址全部确定。'],
      ['2026-06-30', 50, 1200, '5个中心主体装修完成。'],
      ['2026-09-30', 80, 1900, '6个中心试运营。'],
      ['2026-11-20', 100, 2350, '8个中心全部建成运营，日均服务老人1100人次。'],
    ],
  },
  3: {
    lead: '赵志强',
    start: '2026-01-20',
    finish: '2026-08-31',
    milestones: [
      ['抗震加固开工', '2026-03-15', '2026-03-10'],
      ['暑期完成改造', '2026-08-31', '2026-08-25'],
    ],
    progress: [
      ['2026-03-31', 20, 320, '12所学校抗震加固全部开工。'],
      ['2026-06-30', 60, 1050, '寒假、周末分段施工，未影响教学。'],
      ['2026-09-30', 100, 1760, '全部完工，秋季开学投入使用。'],
    ],
  },
  4: {
    lead: '陈勇',
    start: '2026-03-01',
    finish: '2026-11-30',
    milestones: [
      ['第一批15条完工', '2026-06-30', '2026-06-26'],
      ['第二批15条完工', '2026-11-30', '2026-11-25'],
    ],
    progress: [
      ['2026-03-31', 10, 150, '30条背街小巷整治方案征求居民意见。'],
      ['2026-06-30', 50, 720, '第一批15条完工。'],
      ['2026-09-30', 75, 1100, '第二批进场施工。'],
      ['2026-11-20', 95, 1420, '28条完工，2条收尾。'],
    ],
  },
  5: {
    lead: '杨丽',
    start: '2026-02-01',
    finish: '2026-10-31',
    milestones: [
      ['改造方案批复', '2026-03-31', '2026-03-20'],
      ['6个中心达标验收', '2026-10-31', '2026-10-29'],
    ],
    progress: [
      ['2026-03-31', 15, 180, '6个中心改造方案获批。'],
      ['2026-06-30', 55, 690, '中医馆建成4个。'],
      ['2026-09-30', 90, 1150, '5个中心通过预验收。'],
      ['2026-11-20', 100, 1290, '6个中心全部达标。'],
    ],
  },
  6: {
    lead: '黄磊',
    start: '2026-03-01',
    finish: '2026-10-31',
    milestones: [
      ['线路优化方案听证', '2026-04-30', '2026-04-22'],
      ['60座候车亭建成', '2026-10-31', '2026-10-20'],
    ],
    progress: [
      ['2026-03-31', 10, 60, '线路优化方案公开征求意见。'],
      ['2026-06-30', 50, 420, '优化线路5条，建成候车亭28座。'],
      ['2026-09-30', 85, 760, '优化线路8条，建成候车亭51座。'],
      ['2026-11-20', 100, 880, '全部完成。'],
    ],
  },
  // Behind schedule: the 主体工程 was due at the end of October and is not done (征地拆迁 delayed it).
  7: {
    lead: '孙建华',
    start: '2026-03-15',
    finish: '2026-12-31',
    milestones: [
      ['完成征地拆迁', '2026-05-31', '2026-07-15'],
      ['主体工程完工', '2026-10-31', null],
      ['照明和配套设施完工', '2026-12-31', null],
    ],
    progress: [
      ['2026-03-31', 5, 120, '完成勘察设计。'],
      ['2026-06-30', 20, 600, '征地拆迁尚余3户未签约，影响1.1公里施工。'],
      ['2026-09-30', 45, 1300, '拆迁完成，全线进场施工。'],
      ['2026-11-20', 60, 1650, '贯通2.6公里，主体工程滞后约两个月。'],
    ],
  },
  8: {
    lead: '马超',
    start: '2026-03-01',
    finish: '2026-10-31',
    milestones: [
      ['2个市场完成改造', '2026-06-30', '2026-06-30'],
      ['5个市场完成改造', '2026-10-31', '2026-10-31'],
    ],
    progress: [
      ['2026-03-31', 15, 150, '5个市场改造方案确定，商户临时安置。'],
      ['2026-06-30', 45, 480, '2个市场完成改造。'],
      ['2026-09-30', 80, 860, '雨污分流完成，通风改造进行中。'],
      ['2026-11-20', 100, 1080, '5个市场完成改造，部分市场排水和异味问题仍有反映。'],
    ],
  },
  9: {
    lead: '黄磊',
    start: '2026-02-20',
    finish: '2026-12-31',
    milestones: [
      ['12处地块手续办结', '2026-04-30', '2026-04-28'],
      ['新增泊位1200个', '2026-08-31', '2026-08-30'],
      ['新增泊位2000个', '2026-12-31', null],
    ],
    progress: [
      ['2026-03-31', 10, 200, '12处地块完成选址。'],
      ['2026-06-30', 40, 820, '新增泊位700个。'],
      ['2026-09-30', 65, 1350, '新增泊位1300个。'],
      ['2026-11-20', 85, 1700, '新增泊位1720个。'],
    ],
  },
  10: {
    lead: '刘桂英',
    start: '2026-03-01',
    finish: '2026-09-30',
    milestones: [
      ['服务平台上线', '2026-05-31', '2026-05-20'],
      ['3000户安装到位', '2026-09-30', '2026-09-26'],
    ],
    progress: [
      ['2026-03-31', 20, 80, '完成服务商招标。'],
      ['2026-06-30', 60, 330, '平台上线，安装1800户。'],
      ['2026-09-30', 100, 580, '3000户全部安装到位，累计响应呼叫4200次。'],
    ],
  },
};

/** 测评 marks per chosen project (by ballot number): how many present deputies say 满意 and 基本满意; the rest 不满意. */
const MIDYEAR_PRESENT = 214;
const MIDYEAR: Record<number, [number, number]> = {
  1: [140, 52],
  2: [160, 40],
  3: [168, 34],
  4: [130, 56],
  5: [150, 46],
  6: [140, 52],
  7: [96, 68],
  8: [104, 60],
  9: [118, 62],
  10: [165, 36],
};
// A 常委会扩大会议 with the deputies attending: more than half of the 300 present (its quorum).
const YEAREND_PRESENT = 168;
// 农贸市场 falls to 61.90% (104 of 168), below the 70% line: its 整改 opens.
const YEAREND: Record<number, [number, number]> = {
  1: [118, 36],
  2: [136, 24],
  3: [140, 22],
  4: [110, 42],
  5: [126, 30],
  6: [122, 34],
  7: [88, 42],
  8: [60, 44],
  9: [104, 44],
  10: [134, 26],
};
const FAILING = 8;
const BEHIND = 7;

function caller(rt: Runtime): Call {
  const ctx = { actor: 'demo' };
  return async (name, input) => {
    const res = await dispatch(rt.handlers, name, input, ctx);
    if (!res.ok) throw new AppError(res.error.code, `演示数据 ${name}：${res.error.message}`, res.error.field);
    return res.data;
  };
}

async function addCandidates(call: Call, listId: number, cs: Candidate[]): Promise<Project[]> {
  const out: Project[] = [];
  for (const c of cs) {
    const p = (await call('projects.add', { listId, ...c, screening: 'collected' })) as Project;
    for (const to of SCREENING_STEPS.slice(1)) await call('projects.screen', { id: p.id, to });
    out.push(p);
  }
  return out;
}

async function meeting(
  call: Call,
  ruleSets: RuleSet[],
  input: Omit<Input<'meetings.create'>, 'ruleSetId'> & { ruleSetKey: string },
  present: number[],
): Promise<Meeting> {
  const { ruleSetKey, ...rest } = input;
  const m = (await call('meetings.create', {
    ...rest,
    ruleSetId: ruleSets.find((r) => r.key === ruleSetKey)!.id,
  })) as Meeting;
  for (const membershipId of present)
    await call('attendance.markOne', { meetingId: m.id, membershipId, status: 'present' });
  return m;
}

/** A 满意度测评 of the chosen projects on an evaluation item; `marks[number]` = [满意, 基本满意] counts. */
async function rate(
  call: Call,
  agendaItemId: number,
  chosen: Project[],
  voters: number[],
  marks: Record<number, [number, number]>,
): Promise<PollRound> {
  const r = (await call('evaluations.create', {
    agendaItemId,
    style: 'rating',
    mode: 'electronic',
    items: chosen.map((p) => ({ kind: 'project', refId: p.id, title: p.name, department: p.department })),
    scrutineers: ['吴秀兰', '郑国庆'],
    counters: ['区人大常委会办公室'],
  } as Input<'evaluations.create'>)) as PollRound;
  await call('polls.open', { id: r.id });
  for (const [i, membershipId] of voters.entries()) {
    const ratings = chosen.map((p) => {
      const [s, b] = marks[p.number]!;
      return i < s ? 'satisfied' : i < s + b ? 'basically' : 'unsatisfied';
    });
    await call('polls.cast', { id: r.id, membershipId, ballot: { ratings } } as Input<'polls.cast'>);
  }
  return (await call('polls.close', { id: r.id })) as PollRound;
}

export async function seedProjectYear(rt: Runtime, b: YearBodies): Promise<void> {
  const call = caller(rt);
  const ruleSets = (await call('ruleSets.list', {})) as RuleSet[];

  // ---- 2026: the list, screened and adopted by 主任会议 before the annual session.
  const list26 = (await call('projectLists.create', {
    bodyId: b.districtId,
    year: 2026,
    title: '江北区2026年度民生实事候选项目',
    seats: 10,
  })) as ProjectList;
  const candidates = await addCandidates(call, list26.id, CANDIDATES_2026);
  const { reason, ...rejected } = REJECTED_2026;
  const rej = (await call('projects.add', { listId: list26.id, ...rejected, screening: 'collected' })) as Project;
  await call('projects.screen', { id: rej.id, to: 'reviewed' });
  await call('projects.screen', { id: rej.id, to: 'rejected', reason });
  await call('projectLists.adopt', {
    id: list26.id,
    by: 'directors',
    on: '2025-12-18',
    ref: '江北区人大常委会第四十二次主任会议',
  });

  // ---- The annual session, 2026-01-08: 262 of 300 present; 1–10 pass with more than half of all deputies.
  const annual = await meeting(
    call,
    ruleSets,
    {
      bodyId: b.districtId,
      kind: 'district_annual',
      ruleSetKey: 'district_annual_session',
      session: '第十八届第五次会议',
      title: '江北区第十八届人民代表大会第五次会议',
      date: '2026-01-08',
      startTime: '09:00',
      endTime: '12:00',
      venue: '区人民大会堂',
    } as never,
    b.deputies.slice(0, PRESENT_ANNUAL),
  );
  const voteItem = (await call('agenda.add', {
    meetingId: annual.id,
    kind: 'project_vote',
    title: '票决产生江北区2026年度民生实事项目',
  })) as AgendaItem;
  await call('meetings.open', { id: annual.id });
  const ids = candidates.map((p) => p.id);
  let round = (await call('projectVotes.create', {
    listId: list26.id,
    agendaItemId: voteItem.id,
    style: 'approve',
    mode: 'electronic',
    scrutineers: ['吴秀兰', '郑国庆'],
    counters: ['周晓东'],
  } as Input<'projectVotes.create'>)) as ProjectVote;
  await call('projectVotes.open', { id: round.id });
  for (const [i, membershipId] of b.deputies.slice(0, PRESENT_ANNUAL).entries()) {
    const yes = ids.filter((_id, j) => i < YES_2026[j]!);
    await call('projectVotes.cast', {
      id: round.id,
      membershipId,
      marks: { yes, no: ids.filter((x) => !yes.includes(x)), abstain: [] },
    } as Input<'projectVotes.cast'>);
  }
  round = (await call('projectVotes.close', { id: round.id, issued: PRESENT_ANNUAL })) as ProjectVote;
  await call('meetings.close', { id: annual.id });
  const chosenIds = new Set(round.result!.chosenIds);
  const chosen = candidates.filter((p) => chosenIds.has(p.id));

  // ---- Plans, milestones and progress through the year.
  for (const p of chosen) {
    const pl = PLANS[p.number]!;
    await call('projectPlans.set', {
      projectId: p.id,
      department: p.department!,
      lead: pl.lead,
      budgetWan: p.budgetWan,
      startOn: pl.start,
      finishOn: pl.finish,
    });
    for (const [title, dueOn, doneOn] of pl.milestones) {
      const m = (await call('projectMilestones.add', { projectId: p.id, title, dueOn })) as { id: number };
      if (doneOn) await call('projectMilestones.done', { id: m.id, doneOn });
    }
    for (const [reportedOn, percent, spentWan, text] of pl.progress)
      await call('projectProgress.add', { projectId: p.id, reportedOn, percent, spentWan, text });
  }
  const byNumber = (n: number) => chosen.find((p) => p.number === n)!;
  await call('projectInspections.add', {
    projectId: byNumber(BEHIND).id,
    kind: 'inspection',
    heldOn: '2026-06-18',
    participants: ['张志强', '李秀英', '王建国', '赵丽'],
    findings: '征地拆迁尚有3户未签约，1.1公里无法施工；建议区政府加强协调，倒排工期，确保年底前主体贯通。',
  } as Input<'projectInspections.add'>);
  await call('projectInspections.add', {
    projectId: byNumber(FAILING).id,
    kind: 'supervision',
    heldOn: '2026-09-10',
    participants: ['陈丽萍', '周德明'],
    findings: '改造后的市场排水不畅、异味仍较重，商户和群众意见较多；建议责任单位逐一整改。',
  } as Input<'projectInspections.add'>);

  // ---- The 年中会议, 2026-07-22: hears the progress report on the ten, and rates them on the spot.
  const midyear = await meeting(
    call,
    ruleSets,
    {
      bodyId: b.districtId,
      kind: 'district_midyear',
      ruleSetKey: 'district_midyear_session',
      title: '江北区第十八届人民代表大会2026年年中会议',
      date: '2026-07-22',
      startTime: '09:00',
      endTime: '12:00',
      venue: '区人民大会堂',
    } as never,
    b.deputies.slice(0, MIDYEAR_PRESENT),
  );
  const report = (await call('agenda.add', {
    meetingId: midyear.id,
    kind: 'report',
    title: '听取民生实事项目进展报告',
  })) as AgendaItem;
  await call('agendaProjects.set', { agendaItemId: report.id, projectIds: chosen.map((p) => p.id) });
  const midItem = (await call('agenda.add', {
    meetingId: midyear.id,
    kind: 'evaluation',
    title: '对民生实事项目推进情况进行满意度测评',
  })) as AgendaItem;
  await call('meetings.open', { id: midyear.id });
  await rate(call, midItem.id, chosen, b.deputies.slice(0, MIDYEAR_PRESENT), MIDYEAR);
  await call('meetings.close', { id: midyear.id });

  // ---- The year-end 测评, 2026-11-26, at the 常委会 session enlarged with the deputies (the projects are the
  // congress's, so the congress's meeting holds it): 农贸市场 falls below 70% and its 整改 opens.
  const yearEnd = await meeting(
    call,
    ruleSets,
    {
      bodyId: b.districtId,
      kind: 'district_midyear',
      ruleSetKey: 'district_midyear_enlarged',
      title: '江北区人大常委会第三十五次会议（扩大会议）',
      date: '2026-11-26',
      startTime: '14:30',
      endTime: '17:30',
      venue: '区人大常委会会议室',
    } as never,
    b.deputies.slice(0, YEAREND_PRESENT),
  );
  const endReport = (await call('agenda.add', {
    meetingId: yearEnd.id,
    kind: 'report',
    title: '听取区人民政府关于2026年度民生实事项目完成情况的报告',
  })) as AgendaItem;
  await call('agendaProjects.set', { agendaItemId: endReport.id, projectIds: chosen.map((p) => p.id) });
  const endItem = (await call('agenda.add', {
    meetingId: yearEnd.id,
    kind: 'evaluation',
    title: '2026年度民生实事项目满意度测评',
  })) as AgendaItem;
  await call('meetings.open', { id: yearEnd.id });
  await rate(call, endItem.id, chosen, b.deputies.slice(0, YEAREND_PRESENT), YEAREND);
  await call('meetings.close', { id: yearEnd.id });
  const [open] = (await call('rectifications.list', { projectId: byNumber(FAILING).id })) as { id: number }[];
  if (open) {
    await call('rectifications.update', {
      id: open.id,
      deadline: '2027-01-31',
      requirement:
        '针对测评中反映的排水不畅、异味较重等问题，逐个市场制定整改方案，2027年1月底前整改到位并报送整改情况报告，提请常委会复评。',
    });
    await call('rectifications.respond', {
      id: open.id,
      respondedOn: '2026-11-30',
      response:
        '已会同5个市场开办方制定整改方案：更换排水管网1.2公里，增设除臭设备20台，12月中旬前完成3个市场，其余2个1月中旬前完成。',
    });
  }

  // ---- 2027: the list adopted by 常委会, ready for the annual session (no round yet).
  const list27 = (await call('projectLists.create', {
    bodyId: b.districtId,
    year: 2027,
    title: '江北区2027年度民生实事候选项目',
    seats: 10,
  })) as ProjectList;
  await addCandidates(call, list27.id, CANDIDATES_2027);
  await call('projectLists.adopt', {
    id: list27.id,
    by: 'committee',
    on: '2026-11-26',
    ref: '江北区人大常委会第三十五次会议',
  });
  const annual27 = await meeting(
    call,
    ruleSets,
    {
      bodyId: b.districtId,
      kind: 'district_annual',
      ruleSetKey: 'district_annual_session',
      session: '第十八届第六次会议',
      title: '江北区第十八届人民代表大会第六次会议',
      date: '2027-01-07',
      startTime: '09:00',
      endTime: '12:00',
      venue: '区人民大会堂',
    } as never,
    [],
  );
  await call('agenda.add', {
    meetingId: annual27.id,
    kind: 'project_vote',
    title: '票决产生江北区2027年度民生实事项目',
  });

  // ---- A street council's 2027 candidates, mid-screening.
  const street = (await call('projectLists.create', {
    bodyId: b.streetId,
    year: 2027,
    title: '观音桥街道2027年度民生实事候选项目',
    seats: 3,
  })) as ProjectList;
  for (const [c, state] of STREET_2027) {
    const p = (await call('projects.add', {
      listId: street.id,
      ...c,
      summary: c.summary || null,
      screening: 'collected',
    } as Input<'projects.add'>)) as Project;
    for (const to of SCREENING_STEPS.slice(1, SCREENING_STEPS.indexOf(state as (typeof SCREENING_STEPS)[number]) + 1))
      await call('projects.screen', { id: p.id, to });
  }
}
