import { Space } from 'antd';
import { PrintButton } from './PrintPreview';

/** 打印选票 and 打印计票单 of one round: the papers the clerk hands out before the vote and the scrutineers sign after. */
export function RoundPapers({ roundId, paper = '选票', title }: { roundId: number; paper?: string; title: string }) {
  return (
    <Space wrap>
      <PrintButton
        testId="print-ballot"
        label={`打印${paper}`}
        target={{ doc: 'ballot', id: roundId, title: `${title}${paper}` }}
      />
      <PrintButton
        testId="print-count-sheet"
        label="打印计票单"
        target={{ doc: 'count-sheet', id: roundId, title: `${title}计票单` }}
      />
    </Space>
  );
}
