import { Alert, App, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { AppError, adoptionBodyLabels, screeningLabels, type ProjectList } from '../../../../shared/contract';
import { isMidScreening } from '../../../../shared/domain/project-screening';
import { call, errorMessage } from '../../api/client';
import { todayIso } from '../../format';
import { FormDialog } from '../common/FormDialog';

interface Values {
  by: 'directors' | 'committee';
  on: string;
  ref: string;
}

/**
 * 确定候选清单: the decision of 主任会议 or 常委会 (date, 文号/会次) that fixes the candidates. The 差额 and anything
 * still mid-screening are shown before the clerk asks; the host refuses either way, and its reason is shown here.
 */
export function AdoptDialog({ list, onClose }: { list: ProjectList; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const mid = list.projects.filter((p) => isMidScreening(p.screening));
  const n = list.screeningCounts.candidate;

  // Not useSubmit: a refusal that names no field of this form (差额, mid-screening) stays in the dialog, not a toast.
  const onFinish = async (v: Values) => {
    setRefusal(null);
    setBusy(true);
    try {
      const l = await call('projectLists.adopt', { id: list.id, by: v.by, on: v.on, ref: v.ref });
      message.success(`已确定候选清单：候选${l.screeningCounts.candidate}项，应选${l.seats}项`);
      onClose();
    } catch (e) {
      if (e instanceof AppError && ['by', 'on', 'ref'].includes(e.field ?? ''))
        form.setFields([{ name: e.field as keyof Values, errors: [e.message.replace(/^输入有误：“[^”]*”：/, '')] }]);
      else setRefusal(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog<Values>
      form={form}
      width={620}
      title={`确定候选清单：${list.title}`}
      okText="确定候选清单"
      busy={busy}
      initialValues={{ by: 'directors', on: todayIso(), ref: '' }}
      onFinish={onFinish}
      onCancel={onClose}
      before={
        <>
          <div className="adopt-figures" data-testid="adopt-figures">
            确定为候选<b>{n}</b>项，应选<b>{list.seats}</b>项，
            <span className={list.margin > 0 ? '' : 'bad'}>
              差额<b>{list.margin}</b>项
            </span>
            {list.screeningCounts.rejected > 0 && (
              <span className="muted">（未入选{list.screeningCounts.rejected}项，不上选票）</span>
            )}
          </div>
          {list.margin <= 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`差额票决须确定为候选的项目多于应选的${list.seats}项`}
            />
          )}
          {mid.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`还有${mid.length}个项目仍在筛选中`}
              description={mid.map((p) => `${p.number}号 ${p.name}（${screeningLabels[p.screening]}）`).join('、')}
            />
          )}
          {refusal && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refusal} data-testid="adopt-refusal" />
          )}
        </>
      }
    >
      <Form.Item name="by" label="决定机关" rules={[{ required: true, message: '请选择主任会议或常委会' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['directors', 'committee'] as const).map((k) => ({ value: k, label: adoptionBodyLabels[k] }))}
        />
      </Form.Item>
      <Form.Item
        name="on"
        label="决定日期"
        rules={[
          { required: true, message: '请填写决定日期' },
          { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2026-01-12' },
        ]}
      >
        <Input style={{ width: 180 }} placeholder="2026-01-12" />
      </Form.Item>
      <Form.Item name="ref" label="文号或会次" rules={[{ required: true, message: '请填写文号或会次' }]}>
        <Input autoFocus placeholder="如：第十五次主任会议、X人大常〔2026〕3号" />
      </Form.Item>
    </FormDialog>
  );
}
