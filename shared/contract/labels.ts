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
};

export function labelOfPath(path: readonly PropertyKey[]): string {
  const names = path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : fieldLabels[String(p)] ?? String(p)));
  return names.join(' › ');
}
