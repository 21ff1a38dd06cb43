import { Alert, Form, Input, Radio } from 'antd';
import type { AgendaItem, Meeting } from '../../../../shared/contract';
import type { PollRound } from '../../../../shared/contract/poll-types';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useDialogAction } from '../common/useAction';
import { evaluationStyleLabels } from './common';
import { ItemsEditor, type DraftItem } from './ItemsEditor';
import { NamesInput } from '../common/NamesInput';

interface Values {
  title: string;
  style: 'rating' | 'score';
  mode: 'electronic' | 'paper';
  scrutineers: string[];
  counters: string[];
  items: DraftItem[];
}

/**
 * 安排测评 on a 测评 agenda item: title, 满意度 or 评分, electronic or paper, 监票人/计票人 and the items. With
 * `round` (still pending) only the items change (evaluations.setItems), and .xlsx can be imported into it.
 */
export function EvaluationDialog({
  meeting,
  item,
  round,
  onClose,
}: {
  meeting: Meeting;
  item: AgendaItem;
  round?: PollRound;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useDialogAction();
  const editing = !!round;

  function onFinish(v: Values) {
    return run(async () => {
      if (round) await call('evaluations.setItems', { id: round.id, items: v.items });
      else
        await call('evaluations.create', {
          agendaItemId: item.id,
          title: v.title,
          style: v.style,
          mode: v.mode,
          items: v.items,
          scrutineers: v.scrutineers,
          counters: v.counters,
        });
      onClose();
    });
  }

  return (
    <FormDialog<Values>
      form={form}
      width={860}
      title={editing ? `修改测评项目：${round.title}` : `安排测评：${item.title}`}
      okText={editing ? '保存测评项目' : '安排测评'}
      busy={busy}
      onCancel={onClose}
      after={error && <Alert type="error" showIcon message={error} data-testid="eval-dialog-error" />}
      initialValues={
        round
          ? {
              items: round.items.map(({ kind, refId, number, title, department }) => ({
                kind,
                refId,
                number,
                title,
                department,
              })),
            }
          : { title: item.title, style: 'rating', mode: 'paper', scrutineers: [], counters: [], items: [] }
      }
      onFinish={onFinish}
    >
      {!editing && (
        <>
          <Form.Item name="title" label="测评名称" rules={[{ required: true, message: '请填写测评名称' }]}>
            <Input autoFocus maxLength={120} aria-label="测评名称" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
            <Form.Item name="style" label="测评方式">
              <Radio.Group
                optionType="button"
                aria-label="测评方式"
                options={(['rating', 'score'] as const).map((s) => ({ value: s, label: evaluationStyleLabels[s] }))}
              />
            </Form.Item>
            <Form.Item name="mode" label="投票方式">
              <Radio.Group
                optionType="button"
                aria-label="投票方式"
                options={[
                  { value: 'paper', label: '纸质测评票' },
                  { value: 'electronic', label: '电子测评' },
                ]}
              />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 16 }}>
            <Form.Item name="scrutineers" label="监票人" style={{ flex: 1 }}>
              <NamesInput aria-label="监票人" placeholder="输入姓名，逗号或空格分隔" />
            </Form.Item>
            <Form.Item name="counters" label="计票人" style={{ flex: 1 }}>
              <NamesInput aria-label="计票人" placeholder="输入姓名，逗号或空格分隔" />
            </Form.Item>
          </div>
        </>
      )}
      <Form.Item
        name="items"
        label="测评项目（按选票顺序）"
        rules={[
          {
            validator: (_r, v: DraftItem[] | undefined) =>
              v?.length ? Promise.resolve() : Promise.reject(new Error('至少要有一个测评项目')),
          },
        ]}
      >
        <ItemsEditor
          agenda={meeting.agenda}
          bodyId={meeting.bodyId}
          roundId={round?.id ?? null}
          onImported={(items) => form.setFieldValue('items', items)}
        />
      </Form.Item>
    </FormDialog>
  );
}
