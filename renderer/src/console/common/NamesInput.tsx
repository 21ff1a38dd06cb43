import { Select, type SelectProps } from 'antd';

const SEPARATORS = [',', '，', '、', ' '];

/**
 * 监票人 and 计票人: names typed in and kept as tags (Enter, or a comma, 、 or a space between them), with no list to
 * pick from. The one input of every dialog that records who counted (安排票决, 结束计票, 安排测评).
 */
export function NamesInput(props: Omit<SelectProps<string[]>, 'mode' | 'open' | 'suffixIcon' | 'tokenSeparators'>) {
  return <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={SEPARATORS} {...props} />;
}
