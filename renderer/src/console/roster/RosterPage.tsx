import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Grid,
  Input,
  Menu,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  App,
  type InputRef,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { bodyKindLabels, memberNoun, type Body, type Member } from '../../../../shared/contract';
import { sortByName, type NameOrder } from '../../../../shared/domain/collation';
import { matchesQuery } from '../../../../shared/domain/search';
import { strokeOrderNote } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { isInField } from '../common/keys';
import { formatDate } from '../../format';
import { BodyDialog } from './BodyDialog';
import { saveFile } from './download';
import { EndMemberDialog } from './EndMemberDialog';
import { ImportDialog } from './ImportDialog';
import { MemberDialog } from './MemberDialog';

/** 名册: the bodies on the left, the chosen body's members on the right, searchable by name, pinyin or initials. */
export function RosterPage({ bodyId, onSelectBody }: { bodyId: number | null; onSelectBody: (id: number) => void }) {
  const bodies = useApi('bodies.list', {}, ['bodies.changed', 'roster.changed']);
  const body = bodies.data?.find((b) => b.id === bodyId) ?? null;

  // With no body in the address, open the first; a just-created body may not be in the list yet, so wait for it.
  useEffect(() => {
    const first = bodies.data?.[0];
    if (bodyId === null && first) onSelectBody(first.id);
  }, [bodyId, bodies.data, onSelectBody]);

  const [bodyDialog, setBodyDialog] = useState<Body | 'new' | null>(null);
  const wide = !!Grid.useBreakpoint().xxl;

  return (
    <div className="page" style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card
        title="机构"
        size="small"
        style={{ width: wide ? 260 : 200, flex: 'none' }}
        extra={
          <Button size="small" onClick={() => setBodyDialog('new')}>
            新建机构
          </Button>
        }
      >
        {bodies.data && bodies.data.length === 0 && <Empty description="还没有机构，请先新建" />}
        <Menu
          className="body-list"
          mode="inline"
          style={{ borderInlineEnd: 'none' }}
          selectedKeys={body ? [String(body.id)] : []}
          items={(bodies.data ?? []).map((b) => ({
            key: String(b.id),
            label: (
              <div>
                <div style={{ fontWeight: 600 }}>{b.name}</div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {bodyKindLabels[b.kind]} · {b.activeMembers}名{memberNoun[b.kind]}
                </div>
              </div>
            ),
          }))}
          onClick={(e) => onSelectBody(Number(e.key))}
        />
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {body ? <MemberList body={body} wide={wide} onEditBody={() => setBodyDialog(body)} /> : null}
      </div>
      {bodyDialog && (
        <BodyDialog
          body={bodyDialog === 'new' ? null : bodyDialog}
          onClose={(created) => {
            setBodyDialog(null);
            if (created) onSelectBody(created.id);
          }}
        />
      )}
    </div>
  );
}

/** Other bodies without 人民代表大会/议事代表会议, which every name would repeat. */
const shortBody = (n: string) => n.replace(/人民代表大会|议事代表会议/, '');

/**
 * The columns. Below 1600 px (a 1366 laptop) 性别 and 民族 share a column and 兼任 becomes a marker by the name, so
 * 单位及职务 keeps room for a dozen characters a line and the phone number is never under the fixed 操作 column.
 */
function memberColumns(
  wide: boolean,
  order: NameOrder,
  actions: TableColumnsType<Member>[number],
): TableColumnsType<Member> {
  const others = (b: string[]) =>
    b.map((n) => (
      <Tag key={n} style={{ marginBottom: 2 }}>
        {shortBody(n)}
      </Tag>
    ));
  return [
    { title: '序号', width: wide ? 60 : 48, render: (_v, _m, i) => i + 1 },
    {
      title: '姓名',
      dataIndex: 'name',
      width: wide ? 90 : 100,
      render: (name: string, m) => (
        <span title={m.pinyin}>
          {order === 'stroke' && strokeOrderNote(name) ? (
            <Tooltip title={strokeOrderNote(name)}>
              <span style={{ color: '#ad6800' }}>{name} ⚠</span>
            </Tooltip>
          ) : (
            name
          )}
          {!wide && m.otherBodies.length > 0 && (
            <Tooltip title={`兼任：${m.otherBodies.join('、')}`}>
              <Tag
                style={{ marginInlineStart: 4, marginInlineEnd: 0, paddingInline: 3, fontSize: 12 }}
                aria-label={`兼任${m.otherBodies.join('、')}`}
              >
                兼
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    ...(wide
      ? [
          { title: '性别', dataIndex: 'gender', width: 56 },
          { title: '民族', dataIndex: 'ethnicity', width: 76 },
        ]
      : [
          {
            title: '性别/民族',
            width: 88,
            render: (_v: unknown, m: Member) => [m.gender, m.ethnicity].filter(Boolean).join(' · '),
          },
        ]),
    { title: '党派', dataIndex: 'party', width: 104, ellipsis: { showTitle: true } },
    {
      title: '单位及职务',
      dataIndex: 'unitTitle',
      className: 'cell-wrap',
      onCell: () => ({ 'data-col': 'unitTitle' }) as never,
    },
    { title: '选区/小组', dataIndex: 'constituency', width: wide ? 120 : 104, ellipsis: { showTitle: true } },
    {
      title: '联系电话',
      dataIndex: 'phone',
      width: 128,
      className: 'cell-nowrap',
      onCell: () => ({ 'data-col': 'phone' }) as never,
    },
    ...(wide ? [{ title: '兼任', dataIndex: 'otherBodies', width: 150, render: others }] : []),
    actions,
  ];
}

function MemberList({ body, wide, onEditBody }: { body: Body; wide: boolean; onEditBody: () => void }) {
  const { message } = App.useApp();
  const [includeFormer, setIncludeFormer] = useState(false);
  const members = useApi('members.list', { bodyId: body.id, includeFormer }, ['roster.changed']);
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<NameOrder>('stroke');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [ending, setEnding] = useState<Member | null>(null);
  const [importing, setImporting] = useState(false);
  const search = useRef<InputRef>(null);
  const noun = memberNoun[body.kind];

  const rows = useMemo(
    () =>
      sortByName(
        (members.data ?? []).filter((m) => matchesQuery(m, query)),
        order,
        (m) => m.name,
      ),
    [members.data, query, order],
  );
  // Names whose stroke data is missing: their place in the 笔画 order is a guess, so say so.
  const unsure = useMemo(
    () =>
      order === 'stroke'
        ? rows.map((m) => ({ name: m.name, note: strokeOrderNote(m.name) })).filter((u) => u.note)
        : [],
    [rows, order],
  );

  // "/" or Ctrl+F jumps to the search box; Ctrl+N adds a member.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = isInField(e.target);
      if ((e.key === '/' && !typing) || (e.ctrlKey && e.key === 'f')) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.ctrlKey && e.key === 'n') {
        e.preventDefault();
        setEditing('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function exportXlsx() {
    try {
      saveFile(await call('roster.export', { bodyId: body.id }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <Card
      title={
        <Space>
          <span style={{ fontSize: 18 }}>{body.name}</span>
          <Tag>{bodyKindLabels[body.kind]}</Tag>
          {body.term && <Tag color="red">{body.term}</Tag>}
          <span className="muted" data-testid="member-count">
            在任{noun} {body.activeMembers} 名
          </span>
          <Button type="link" size="small" onClick={onEditBody}>
            修改
          </Button>
        </Space>
      }
    >
      {/* The actions sit on their own row, not in the card head, so at 1366 px they never run into the title. */}
      <Space style={{ marginBottom: 12 }} wrap data-testid="roster-actions">
        <Button type="primary" onClick={() => setEditing('new')}>
          新增{noun}
        </Button>
        <Button onClick={() => setImporting(true)}>导入名册</Button>
        <Button onClick={exportXlsx}>导出 Excel</Button>
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          ref={search}
          allowClear
          placeholder="搜索姓名、拼音或首字母（如 zs）、座位号"
          style={{ width: 300 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="搜索成员"
        />
        <Tooltip title="按 / 或 Ctrl+F 搜索，Ctrl+N 新增">
          <span className="muted">
            <span className="kbd">/</span> 搜索
          </span>
        </Tooltip>
        <Segmented<NameOrder>
          value={order}
          onChange={setOrder}
          options={[
            { label: '按姓氏笔画', value: 'stroke' },
            { label: '按拼音', value: 'pinyin' },
          ]}
        />
        <Checkbox checked={includeFormer} onChange={(e) => setIncludeFormer(e.target.checked)}>
          含已离任
        </Checkbox>
        {query && <span className="muted">找到 {rows.length} 名</span>}
      </Space>
      {members.error && <div style={{ color: '#c00' }}>{members.error}</div>}
      {unsure.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stroke-unknown"
          message={`${unsure.length} 个姓名含笔顺库未收录的字，按姓氏笔画排序时排在已收录的字之后，位置请人工核对：${unsure.map((u) => u.name).join('、')}`}
        />
      )}
      {/*
        Fits the content area of a 1366 px screen without scrolling sideways: 单位及职务 takes the rest of the width and
        wraps rather than cutting the text; only a narrower window scrolls the table under the fixed 操作 column.
      */}
      <Table<Member>
        size="small"
        tableLayout="fixed"
        scroll={{ x: wide ? 1000 : 720 }}
        rowKey="membershipId"
        loading={members.loading && !members.data}
        dataSource={rows}
        rowClassName={(m) => (m.active ? '' : 'row-former')}
        pagination={{
          defaultPageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 500],
          showTotal: (n) => `共 ${n} 名`,
        }}
        onRow={(m) => ({ onDoubleClick: () => setEditing(m) })}
        columns={memberColumns(wide, order, {
          title: '操作',
          width: 108,
          fixed: 'right',
          onCell: () => ({ 'data-col': 'actions' }) as never,
          render: (_v, m) =>
            m.active ? (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(m)}>
                  编辑
                </Button>
                <Button size="small" type="link" danger onClick={() => setEnding(m)}>
                  离任
                </Button>
              </Space>
            ) : (
              <span className="muted">{formatDate(m.until)}离任</span>
            ),
        })}
      />
      {editing && (
        <MemberDialog body={body} member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {ending && <EndMemberDialog member={ending} onClose={() => setEnding(null)} />}
      {importing && <ImportDialog body={body} onClose={() => setImporting(false)} />}
    </Card>
  );
}
