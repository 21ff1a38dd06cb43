import { z } from 'zod';

/**
 * What a clerk reads when input breaks a rule that has no message of its own: plain Chinese, no type names or
 * symbols ("至少2个字", not zod's "数值过小：期望 string >=2 字符"). Schema-level messages still come first.
 */
const typeWords: Record<string, string> = {
  string: '应为文字',
  number: '应为数字',
  int: '应为整数',
  boolean: '应为“是”或“否”',
  array: '应为列表',
  object: '应为一组字段',
  date: '应为日期',
};

const n = (v: number | bigint) => String(v);

function sizeWords(origin: string): { unit: string; noun: string } {
  if (origin === 'string') return { unit: '个字', noun: '' };
  if (origin === 'array' || origin === 'set') return { unit: '项', noun: '' };
  if (origin === 'file') return { unit: '字节', noun: '' };
  return { unit: '', noun: '' };
}

export const plainChineseErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必须填写' : (typeWords[issue.expected] ?? '类型不对');
    case 'too_small': {
      const { unit } = sizeWords(issue.origin);
      if (unit) {
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return '不能为空';
        return issue.exact ? `应为${n(issue.minimum)}${unit}` : `至少${n(issue.minimum)}${unit}`;
      }
      return issue.inclusive === false ? `应大于${n(issue.minimum)}` : `不能小于${n(issue.minimum)}`;
    }
    case 'too_big': {
      const { unit } = sizeWords(issue.origin);
      if (unit) return issue.exact ? `应为${n(issue.maximum)}${unit}` : `不能超过${n(issue.maximum)}${unit}`;
      return issue.inclusive === false ? `应小于${n(issue.maximum)}` : `不能大于${n(issue.maximum)}`;
    }
    case 'invalid_format':
      return '格式不对';
    case 'not_multiple_of':
      return `应为${issue.divisor}的倍数`;
    case 'unrecognized_keys':
      return `有不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return '不是可选的值';
    case 'invalid_union':
      return '格式不对';
    case 'invalid_key':
    case 'invalid_element':
      return '其中有一项不对';
    default:
      return '输入无效';
  }
};
