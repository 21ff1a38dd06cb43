/** Chinese names of input fields, so a validation error can say which field is wrong in the clerk's words. */
export const fieldLabels: Record<string, string> = {
  id: '编号',
  bodyId: '机构',
  membershipId: '成员记录',
  personId: '人员',
  kind: '机构类别',
  name: '姓名',
  title: '名称',
  area: '所属街道/镇',
  term: '届次',
  gender: '性别',
  ethnicity: '民族',
  party: '党派',
  unitTitle: '单位及职务',
  constituency: '选区/小组',
  phone: '联系电话',
  since: '任职起始',
  until: '任职终止',
  notes: '备注',
  seatNo: '座位号',
  fileName: '文件名',
  contentBase64: '文件内容',
  limit: '条数',
  beforeId: '起始位置',
  reason: '原因',
  includeFormer: '含已离任',
  ruleSetId: '会议规则',
  session: '届次会次',
  date: '日期',
  startTime: '开始时间',
  endTime: '结束时间',
  venue: '地点',
  quarter: '季度',
  meetingId: '会议',
  itemId: '议程',
  agendaItemId: '议程',
  documentId: '附件',
  status: '状态',
  mode: '表决方式',
  secrecy: '记名方式',
  choice: '表决意见',
  yes: '赞成票数',
  no: '反对票数',
  abstain: '弃权票数',
  overrideReason: '强行开会理由',
  direction: '方向',
  rules: '规则',
  quorum: '法定人数',
  pass: '通过比例',
  basis: '依据',
};

/** Where a field name means something else in one group of methods (a body's name is its 名称, not a 姓名). */
const groupLabels: Record<string, Record<string, string>> = {
  bodies: { name: '名称' },
  meetings: { title: '会议名称', kind: '会议类型' },
  agenda: { title: '议程名称', kind: '议程类别' },
  votes: { title: '表决事项' },
  ruleSets: { name: '规则名称' },
};

export function labelOfPath(path: readonly PropertyKey[], method = ''): string {
  const group = groupLabels[method.split('.')[0]!] ?? {};
  const names = path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : group[String(p)] ?? fieldLabels[String(p)] ?? String(p)));
  return names.join(' › ');
}
