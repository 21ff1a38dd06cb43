import { Alert, Button, Card, Checkbox, Empty, Input, Menu, Segmented, Space, Table, Tag, Tooltip, App, type InputRef } from 'antd';
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

  return (
    <div className="page" style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card title="机构" size="small" style={{ width: 260, flex: 'none' }} extra={<Button size="small" onClick={() => setBodyDialog('new')}>新建机构</Button>}>
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
      <div style={{ flex: 1, minWidth: 0 }}>{body ? <MemberList body={body} onEditBody={() => setBodyDialog(body)} /> : null}</div>
      {bodyDialog && <BodyDialog body={bodyDialog === 'new' ? null : bodyDialog} onClose={(created) => { setBodyDialog(null); if (created) onSelectBody(created.id); }} />}
    </div>
  );
}

function MemberList({ body, onEditBody }: { body: Body; onEditBody: () => void }) {
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
    () => sortByName((members.data ?? []).filter((m) => matchesQuery(m, query)), order, (m) => m.name),
    [members.data, query, order],
  );
  // Names whose stroke data is missing: their place in the 笔画 order is a guess, so say so.
  const unsure = useMemo(
    () => (order === 'stroke' ? rows.map((m) => ({ name: m.name, note: strokeOrderNote(m.name) })).filter((u) => u.note) : []),
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
          <span className="muted" data-testid="member-count">在任{noun} {body.activeMembers} 名</span>
          <Button type="link" size="small" onClick={onEditBody}>修改</Button>
        </Space>
      }
      extra={
        <Space>
          <Button type="primary" onClick={() => setEditing('new')}>新增{noun}</Button>
          <Button onClick={() => setImporting(true)}>导入名册</Button>
          <Button onClick={exportXlsx}>导出 Excel</Button>
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          ref={search}
          allowClear
          placeholder="搜索姓名、拼音或首字母（如 zs）、座位号"
          style={{ width: 340 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="搜索成员"
        />
        <Tooltip title="按 / 或 Ctrl+F 搜索，Ctrl+N 新增">
          <span className="muted"><span className="kbd">/</span> 搜索</span>
        </Tooltip>
        <Segmented<NameOrder>
          value={order}
          onChange={setOrder}
          options={[
            { label: '按姓氏笔画', value: 'stroke' },
            { label: '按拼音', value: 'pinyin' },
          ]}
        />
        <Checkbox checked={includeFormer} onChange={(e) => setIncludeFormer(e.target.checked)}>含已离任</Checkbox>
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
      <Table<Member>
        size="middle"
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        rowKey="membershipId"
        loading={members.loading && !members.data}
        dataSource={rows}
        rowClassName={(m) => (m.active ? '' : 'row-former')}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 500], showTotal: (n) => `共 ${n} 名` }}
        onRow={(m) => ({ onDoubleClick: () => setEditing(m) })}
        columns={[
          { title: '序号', width: 60, render: (_v, _m, i) => i + 1 },
          { title: '姓名', dataIndex: 'name', width: 100, render: (name: string, m) => {
            const note = order === 'stroke' ? strokeOrderNote(name) : null;
            return note ? <Tooltip title={note}><span style={{ color: '#ad6800' }}>{name} ⚠</span></Tooltip> : <span title={m.pinyin}>{name}</span>;
          } },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '民族', dataIndex: 'ethnicity', width: 80 },
          { title: '党派', dataIndex: 'party', width: 110, ellipsis: true },
          { title: '单位及职务', dataIndex: 'unitTitle', ellipsis: true },
          { title: '选区/小组', dataIndex: 'constituency', width: 110, ellipsis: true },
          { title: '联系电话', dataIndex: 'phone', width: 130 },
          {
            title: '兼任',
            dataIndex: 'otherBodies',
            width: 130,
            render: (b: string[]) => b.map((n) => <Tag key={n} style={{ marginBottom: 2 }}>{n.replace(/人民代表大会|议事代表会议/, '')}</Tag>),
          },
          {
            title: '操作',
            width: 120,
            fixed: 'right',
            render: (_v, m) =>
              m.active ? (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setEditing(m)}>编辑</Button>
                  <Button size="small" type="link" danger onClick={() => setEnding(m)}>离任</Button>
                </Space>
              ) : (
                <span className="muted">{formatDate(m.until)}离任</span>
              ),
          },
        ]}
      />
      {editing && <MemberDialog body={body} member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {ending && <EndMemberDialog member={ending} onClose={() => setEnding(null)} />}
      {importing && <ImportDialog body={body} onClose={() => setImporting(false)} />}
    </Card>
  );
}
