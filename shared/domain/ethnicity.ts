/** The 56 ethnic groups as written on official forms, for validating and normalising 民族 ("汉" → "汉族"). */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const byShortName = new Map<string, string>(ETHNICITIES.map((e) => [e.replace(/族$/, ''), e]));

export function normalizeEthnicity(input: string): string | null {
  const v = input.trim();
  if ((ETHNICITIES as readonly string[]).includes(v)) return v;
  return byShortName.get(v.replace(/族$/, '')) ?? null;
}

/** Common spellings of 政治面貌 mapped to the form used in 人大 rosters. Anything else is kept as written. */
const PARTY_ALIASES: Record<string, string> = {
  中共: '中共党员', 党员: '中共党员', 中国共产党: '中共党员', 共产党员: '中共党员', 中共党员: '中共党员',
  预备党员: '中共预备党员', 中共预备党员: '中共预备党员',
  群众: '群众', 无: '群众',
  无党派: '无党派人士', 无党派人士: '无党派人士',
  民革: '民革党员', 民革党员: '民革党员', 民盟: '民盟盟员', 民盟盟员: '民盟盟员', 民建: '民建会员', 民建会员: '民建会员',
  民进: '民进会员', 民进会员: '民进会员', 农工党: '农工党党员', 农工党党员: '农工党党员', 致公党: '致公党党员',
  致公党党员: '致公党党员', 九三学社: '九三学社社员', 九三学社社员: '九三学社社员', 台盟: '台盟盟员', 台盟盟员: '台盟盟员',
  共青团员: '共青团员', 团员: '共青团员',
};

export function normalizeParty(input: string): string {
  const v = input.trim();
  return PARTY_ALIASES[v] ?? v;
}
