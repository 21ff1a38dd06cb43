import type { BodyKind, Gender } from '../../shared/contract';
import { bodyTables } from '../db/tables/bodies';
import { seedProjectYear } from './demo-year';
import type { Runtime } from './runtime';

/**
 * A realistic demo district for newcomers (`npm run serve -- --demo`): a district congress of 300 deputies, its
 * standing committee of 33 (drawn from the deputies), two street councils of 45 议事代表 (some of them district
 * deputies) and a township congress of 90; then the district's project year (./demo-year.ts). Deterministic, so
 * screenshots and walkthroughs are repeatable.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕晓东红梅玉兰德明文杰春生秋菊永红小平国庆卫东淑珍丽萍光荣子涵雨欣宇航浩然思远佳怡俊杰';
const UNITS = [
  ['街道', '社区党委书记、居委会主任'],
  ['有限公司', '总经理'],
  ['中学', '校长'],
  ['人民医院', '副院长'],
  ['村', '党支部书记、村委会主任'],
  ['街道办事处', '主任'],
  ['农业合作社', '理事长'],
  ['小学', '教师'],
  ['律师事务所', '主任'],
  ['卫生院', '院长'],
  ['社区卫生服务中心', '医生'],
  ['物流有限公司', '董事长'],
  ['建筑工程有限公司', '项目经理'],
  ['镇人民政府', '镇长'],
  ['派出所', '所长'],
  ['供电所', '所长'],
];
const PLACES = [
  '龙泉',
  '双桥',
  '新华',
  '桂花',
  '石门',
  '青龙',
  '白沙',
  '东溪',
  '南岸',
  '翠湖',
  '金山',
  '长乐',
  '永安',
  '和平',
  '兴隆',
];
const PARTIES = [
  '中共党员',
  '中共党员',
  '中共党员',
  '中共党员',
  '群众',
  '群众',
  '无党派人士',
  '民盟盟员',
  '九三学社社员',
  '民建会员',
  '农工党党员',
];
const MINORITIES = ['土家族', '苗族', '回族', '满族', '壮族', '蒙古族'];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Person {
  name: string;
  gender: Gender;
  ethnicity: string;
  party: string;
  phone: string;
  unitTitle: string;
}

function people(n: number, seed: number, used: Set<string>): Person[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const surnames = [...SURNAMES.replace('欧阳司马', '')].concat(['欧阳', '司马']);
  const given = [...GIVEN];
  const out: Person[] = [];
  while (out.length < n) {
    const name = pick(surnames) + pick(given) + (rnd() < 0.6 ? pick(given) : '');
    if (used.has(name)) continue;
    used.add(name);
    const [unit, title] = pick(UNITS);
    out.push({
      name,
      gender: rnd() < 0.35 ? '女' : '男',
      ethnicity: rnd() < 0.1 ? pick(MINORITIES) : '汉族',
      party: pick(PARTIES),
      phone: `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      unitTitle: `${pick(PLACES)}${unit}${title}`,
    });
  }
  return out;
}

export async function seedDemo(rt: Runtime): Promise<boolean> {
  if (bodyTables(rt.db).count() > 0) return false;
  const ctx = { actor: 'demo' };
  const h = rt.handlers;
  const used = new Set<string>();
  const deputies = people(300, 1, used);
  const add = (bodyId: number, p: Person, extra: { constituency?: string; since?: string; seatNo?: string } = {}) =>
    h['members.create'](
      {
        bodyId,
        ...p,
        ethnicity: p.ethnicity,
        party: p.party,
        unitTitle: p.unitTitle,
        constituency: extra.constituency ?? null,
        seatNo: extra.seatNo ?? null,
        since: extra.since ?? '2021-12-28',
        until: null,
        notes: null,
      },
      ctx,
    );
  const body = (kind: BodyKind, name: string, area: string | null, term: string) =>
    h['bodies.create']({ kind, name, area, term }, ctx);

  const year = rt.db.transaction(() => {
    const district = body('district_congress', '江北区人民代表大会', null, '第十八届');
    const districtMembers = deputies.map((p, i) =>
      add(district.id, p, { constituency: `第${(i % 12) + 1}代表小组`, seatNo: String(i + 1) }),
    );

    const committee = body('standing_committee', '江北区人大常委会', null, '第十八届');
    deputies
      .slice(0, 33)
      .forEach((p, i) =>
        add(
          committee.id,
          { ...p, unitTitle: i === 0 ? '区人大常委会主任' : i < 5 ? '区人大常委会副主任' : p.unitTitle },
          { seatNo: String(i + 1) },
        ),
      );

    const streets: number[] = [];
    for (const [i, street] of ['观音桥街道', '华新街街道'].entries()) {
      const council = body('street_council', `${street}议事代表会议`, street, '第二届');
      streets.push(council.id);
      const locals = people(36, 10 + i, used);
      const members = [...deputies.slice(40 + i * 9, 49 + i * 9), ...locals];
      members.forEach((p, j) =>
        add(council.id, p, { constituency: `第${(j % 5) + 1}议事小组`, since: '2022-03-15', seatNo: String(j + 1) }),
      );
    }

    const township = body('township_congress', '鱼嘴镇人民代表大会', '鱼嘴镇', '第十九届');
    people(90, 20, used).forEach((p, j) =>
      add(township.id, p, { constituency: `第${(j % 8) + 1}选区`, since: '2021-12-20', seatNo: String(j + 1) }),
    );
    return { districtId: district.id, deputies: districtMembers.map((m) => m.membershipId), streetId: streets[0]! };
  })();
  await seedProjectYear(rt, year);
  return true;
}
