import { DeleteOutlined, DownloadOutlined, UploadOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Table, Tag, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AgendaItem, ProjectList, ProjectVote } from '../../../../shared/contract';
import {
  evaluationItemKindLabels,
  type EvaluationItemKind,
  type PollItem,
} from '../../../../shared/contract/poll-types';
import { call, errorMessage } from '../../api/client';
import { readFileBase64, saveFile } from '../roster/download';

/** An item as the dialog edits it (evaluations.create / setItems take these). */
export type DraftItem = Pick<PollItem, 'kind' | 'refId' | 'number' | 'title' | 'department'>;

const KIND_COLORS: Record<EvaluationItemKind, string> = {
  project: 'volcano',
  report: 'blue',
  suggestion: 'cyan',
  motion_handling: 'purple',
  free: 'default',
};
const sameItem = (a: DraftItem, b: DraftItem) =>
  a.kind === b.kind && (a.refId !== null ? a.refId === b.refId : a.title === b.title);

/** The projects a closed 票决 of this body chose, by candidate list: where 民生实事项目 on a 测评 come from. */
function useChosenProjects(bodyId: number) {
  const [chosen, setChosen] = useState<{ list: ProjectList; items: DraftItem[] }[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const lists = await call('projectLists.list', { bodyId });
        const found = await Promise.all(
          lists.map(async (list) => {
            const rounds: ProjectVote[] = await call('projectVotes.list', { listId: list.id });
            const ids = new Set(rounds.flatMap((r) => (r.status === 'closed' && r.result ? r.result.chosenIds : [])));
            const items = list.projects
              .filter((p) => ids.has(p.id))
              .map((p): DraftItem => ({
                kind: 'project',
                refId: p.id,
                number: String(p.number),
                title: p.name,
                department: p.department ?? null,
              }));
            return { list, items };
          }),
        );
        if (live) setChosen(found.filter((f) => f.items.length > 0));
      } catch {
        if (live) setChosen([]);
      }
    })();
    return () => {
      live = false;
    };
  }, [bodyId]);
  return chosen;
}

/** The projects this meeting's agenda items hear (agendaProjects, set on 听取民生实事项目进展报告): the 测评 on the spot. */
function useHeardProjects(agenda: AgendaItem[]) {
  const [heard, setHeard] = useState<DraftItem[]>([]);
  const ids = agenda
    .filter((a) => a.kind !== 'motion' && a.kind !== 'project_vote')
    .map((a) => a.id)
    .join(',');
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const found = await Promise.all(
          ids
            .split(',')
            .filter(Boolean)
            .map((i) => call('agendaProjects.get', { agendaItemId: Number(i) })),
        );
        const seen = new Set<number>();
        const items = found
          .flat()
          .filter((p) => !seen.has(p.projectId) && seen.add(p.projectId))
          .map((p): DraftItem => ({
            kind: 'project',
            refId: p.projectId,
            number: String(p.number),
            title: p.name,
            department: p.department,
          }));
        if (live) setHeard(items);
      } catch {
        if (live) setHeard([]);
      }
    })();
    return () => {
      live = false;
    };
  }, [ids]);
  return heard;
}

/**
 * The items of a 测评 ballot, in ballot order: picked from this meeting's 专项工作报告, from the projects a closed
 * 票决 of the body chose, typed in (Enter adds), or imported from .xlsx once the 测评 is saved (the import appends on
 * the host, which checks every row). A plain table: 75 rows render in a few milliseconds, no virtualising needed.
 */
export function ItemsEditor({
  value = [],
  onChange,
  agenda,
  bodyId,
  roundId,
  onImported,
}: {
  value?: DraftItem[];
  onChange?: (items: DraftItem[]) => void;
  agenda: AgendaItem[];
  bodyId: number;
  /** Set once the 测评 exists: then .xlsx can be imported into it. */
  roundId: number | null;
  onImported?: (items: DraftItem[]) => void;
}) {
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [typedKind, setTypedKind] = useState<EvaluationItemKind>('free');
  const [importing, setImporting] = useState(false);
  const chosen = useChosenProjects(bodyId);
  const heard = useHeardProjects(agenda);
  const reports = useMemo(
    () =>
      agenda
        .filter((a) => a.kind === 'report')
        .map((a): DraftItem => ({ kind: 'report', refId: a.id, number: null, title: a.title, department: null })),
    [agenda],
  );
  const set = (items: DraftItem[]) => onChange?.(items);
  const add = (items: DraftItem[]) => {
    const fresh = items.filter((x) => !value.some((y) => sameItem(x, y)));
    if (fresh.length < items.length) message.info(`${items.length - fresh.length}项已在测评票上，未重复添加`);
    if (fresh.length) set([...value, ...fresh]);
  };
  const move = (i: number) =>
    i > 0 && set(value.map((x, j) => (j === i - 1 ? value[i]! : j === i ? value[i - 1]! : x)));

  async function importFile(file: File) {
    if (!roundId) return;
    setImporting(true);
    try {
      const round = await call('evaluations.importItems', {
        id: roundId,
        fileName: file.name,
        contentBase64: await readFileBase64(file),
      });
      onImported?.(
        round.items.map(({ kind, refId, number, title, department }) => ({ kind, refId, number, title, department })),
      );
      message.success(`已导入，测评票共${round.items.length}项`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setImporting(false);
    }
  }

  return (
    <div className="eval-items" data-testid="eval-items">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 260 }}
          placeholder={
            reports.length ? `本次会议的专项工作报告（${reports.length}项）` : '本次会议议程中没有专项工作报告'
          }
          disabled={!reports.length}
          value={null}
          aria-label="添加专项工作报告"
          options={[
            { value: -1, label: `全部添加（${reports.length}项）` },
            ...reports.map((r) => ({ value: r.refId!, label: r.title })),
          ]}
          onChange={(v: number) => add(v === -1 ? reports : reports.filter((r) => r.refId === v))}
        />
        {heard.length > 0 && (
          <Button onClick={() => add(heard)} data-testid="eval-add-heard">
            添加本次会议听取的项目（{heard.length}项）
          </Button>
        )}
        <Select
          style={{ width: 260 }}
          placeholder={chosen.length ? '票决确定的民生实事项目' : '本机构还没有已结束的票决'}
          disabled={!chosen.length}
          value={null}
          aria-label="添加票决确定的项目"
          options={chosen.map((c) => ({ value: c.list.id, label: `${c.list.title}（确定${c.items.length}项）` }))}
          onChange={(v: number) => add(chosen.find((c) => c.list.id === v)?.items ?? [])}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            call('evaluations.itemsTemplate', {}).then(saveFile, (e: unknown) => message.error(errorMessage(e)))
          }
        >
          导入模板
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => (void importFile(f), false)}
          disabled={!roundId}
        >
          <Button
            icon={<UploadOutlined />}
            loading={importing}
            disabled={!roundId}
            title={roundId ? undefined : '保存测评后可从 Excel 导入'}
          >
            从 Excel 导入{roundId ? '' : '（保存后）'}
          </Button>
        </Upload>
      </Space>
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Select<EvaluationItemKind>
          style={{ width: 170 }}
          value={typedKind}
          onChange={setTypedKind}
          aria-label="项目类别"
          options={(['free', 'suggestion', 'motion_handling', 'report', 'project'] as const).map((k) => ({
            value: k,
            label: evaluationItemKindLabels[k],
          }))}
        />
        <Input
          aria-label="输入测评项目"
          placeholder="输入测评项目名称，回车添加"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            // Enter here adds a line; it must not submit the dialog.
            e.preventDefault();
            e.stopPropagation();
            const title = typed.trim();
            if ([...title].length < 2) return void message.warning('测评项目名称至少两个字');
            add([{ kind: typedKind, refId: null, number: null, title, department: null }]);
            setTyped('');
          }}
        />
      </Space.Compact>
      <Table<DraftItem & { i: number }>
        size="small"
        rowKey={(x) => `${x.kind}-${x.refId ?? x.title}`}
        dataSource={value.map((x, i) => ({ ...x, i }))}
        pagination={false}
        scroll={{ y: 320 }}
        locale={{ emptyText: '还没有测评项目' }}
        data-testid="eval-items-table"
        columns={[
          { title: '序号', width: 56, align: 'center', render: (_v, x) => x.i + 1 },
          {
            title: '类别',
            width: 130,
            render: (_v, x) => <Tag color={KIND_COLORS[x.kind]}>{evaluationItemKindLabels[x.kind]}</Tag>,
          },
          {
            title: '测评项目',
            render: (_v, x) => (
              <>
                {x.number && <span className="muted">{x.number} </span>}
                {x.title}
                {x.department && <span className="muted">（{x.department}）</span>}
              </>
            ),
          },
          {
            title: '',
            width: 84,
            render: (_v, x) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={`上移第${x.i + 1}项`}
                  disabled={x.i === 0}
                  onClick={() => move(x.i)}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除第${x.i + 1}项`}
                  onClick={() => set(value.filter((_y, j) => j !== x.i))}
                />
              </Space>
            ),
          },
        ]}
      />
      <div className="muted" style={{ marginTop: 4 }}>
        测评票共 <b data-testid="eval-items-count">{value.length}</b> 项。导入文件的列：编号、标题、承办单位（见模板）。
      </div>
    </div>
  );
}
