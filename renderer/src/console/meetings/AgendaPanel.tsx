import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { agendaKindLabels, type AgendaDocument, type AgendaItem, type Meeting } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { readFileBase64, saveFile } from '../roster/download';
import { AgendaItemDialog } from './AgendaItemDialog';
import { AgendaProjects } from '../year/AgendaProjects';
import { AgendaPolls } from './AgendaPolls';
import { useMeetingPolls } from './useMeetingPolls';
import { useAction } from '../common/useAction';

const KIND_COLORS: Record<AgendaItem['kind'], string> = {
  report: 'blue',
  motion: 'red',
  project_vote: 'volcano',
  evaluation: 'purple',
  inquiry: 'cyan',
};

function sizeText(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 议程: ordered items with their kind, moved up and down, each with its documents (stored in the data folder) and
 * what it has been put to (表决 or 票决 rounds, linked).
 */
export function AgendaPanel({ meeting }: { meeting: Meeting }) {
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const attachTo = useRef<AgendaItem | null>(null);
  const editable = meeting.status !== 'closed';
  const items = meeting.agenda;
  const polls = useMeetingPolls(meeting);

  function pickFiles(item: AgendaItem) {
    attachTo.current = item;
    fileInput.current?.click();
  }

  async function onFiles(e: ChangeEvent<HTMLInputElement>) {
    const item = attachTo.current;
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (!item) return;
    for (const f of files) {
      try {
        await call('agenda.attach', { itemId: item.id, fileName: f.name, contentBase64: await readFileBase64(f) });
        message.success(`已添加附件“${f.name}”`);
      } catch (err) {
        message.error(errorMessage(err));
      }
    }
  }

  const download = (d: AgendaDocument) =>
    run(
      `doc-${d.id}`,
      () => call('agenda.document', { documentId: d.id }),
      (file) => saveFile(file),
    );

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        {editable && (
          <Button type="primary" onClick={() => setEditing('new')}>
            添加议程
          </Button>
        )}
        <span className="muted">共 {items.length} 项；表决事项在“表决”中安排表决，民生实事票决在“票决”中安排</span>
      </Space>
      {items.length === 0 ? (
        <Empty description="还没有议程" />
      ) : (
        <ol className="agenda-list">
          {items.map((item, i) => (
            <li key={item.id} className="agenda-item" data-testid={`agenda-item-${item.position}`}>
              <div className="agenda-no">{i + 1}</div>
              <div className="agenda-body">
                <div className="agenda-title">
                  <Tag color={KIND_COLORS[item.kind]}>{agendaKindLabels[item.kind]}</Tag>
                  <span>{item.title}</span>
                </div>
                {item.notes && <div className="muted agenda-notes">{item.notes}</div>}
                <AgendaPolls meeting={meeting} item={item} polls={polls} />
                <AgendaProjects item={item} editable={editable} />
                {item.documents.length > 0 && (
                  <div className="agenda-docs">
                    {item.documents.map((d) => (
                      <Tooltip key={d.id} title={`SHA-256 ${d.sha256.slice(0, 16)}…`}>
                        <Button
                          size="small"
                          type="link"
                          icon={<PaperClipOutlined />}
                          loading={busy === `doc-${d.id}`}
                          onClick={() => download(d)}
                        >
                          {d.fileName}（{sizeText(d.size)}）
                        </Button>
                      </Tooltip>
                    ))}
                  </div>
                )}
              </div>
              {editable && (
                <Space size={2} className="agenda-actions">
                  <Tooltip title="上移">
                    <Button
                      size="small"
                      aria-label="上移"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => run('move', () => call('agenda.move', { id: item.id, direction: 'up' }))}
                    />
                  </Tooltip>
                  <Tooltip title="下移">
                    <Button
                      size="small"
                      aria-label="下移"
                      icon={<ArrowDownOutlined />}
                      disabled={i === items.length - 1}
                      onClick={() => run('move', () => call('agenda.move', { id: item.id, direction: 'down' }))}
                    />
                  </Tooltip>
                  <Button size="small" icon={<PaperClipOutlined />} onClick={() => pickFiles(item)}>
                    附件
                  </Button>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(item)}>
                    修改
                  </Button>
                  <Popconfirm
                    title={`删除议程“${item.title}”？`}
                    okText="删除"
                    cancelText="取消"
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      run(
                        'remove',
                        () => call('agenda.remove', { id: item.id }),
                        () => '已删除议程',
                      )
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除">
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </li>
          ))}
        </ol>
      )}
      <input ref={fileInput} type="file" multiple hidden onChange={onFiles} data-testid="agenda-file-input" />
      {editing && (
        <AgendaItemDialog
          meeting={meeting}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
