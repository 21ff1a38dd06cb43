import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  ExportedFile,
  Meeting,
  Member,
  PackageImported,
  PackagePreview,
  ProjectList,
  ProjectVote,
  RuleSet,
  Vote,
} from '../../shared/contract';
import { b64, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { adoptList, importDeputies } from '../fixtures';

/**
 * The meeting package (issue 12 item 6) between two data folders: the office laptop prepares a meeting, the
 * session-day laptop imports it, runs the sign-in, a motion and a 票决 round with electronic ballots, and sends the
 * results back; the office then holds the same results and its audit trail still verifies.
 */

let open: TempRuntime[] = [];
afterEach(() => {
  for (const t of open) t.cleanup();
  open = [];
});
const runtime = () => {
  const t = makeTempRuntime();
  open.push(t);
  return t;
};

async function prepareInOffice(office: TempRuntime) {
  const body = await createBody(office, '江北区人民代表大会');
  const deputies = await importDeputies(office, body.id, 9);
  const rs = ((await office.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!;
  const meeting = (await office.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: rs.id,
    title: '江北区会议包测试会议',
    date: '2031-02-18',
  })) as Meeting;
  const motion = (await office.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '审议区政府工作报告',
  })) as AgendaItem;
  await office.ok('agenda.attach', {
    itemId: motion.id,
    fileName: '工作报告.txt',
    contentBase64: b64(Buffer.from('区政府工作报告全文')),
  });
  const pv = (await office.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决产生2031年度民生实事项目',
  })) as AgendaItem;
  const list = (await office.ok('projectLists.create', {
    bodyId: body.id,
    year: 2031,
    title: '2031年度民生实事候选项目',
    seats: 2,
  })) as ProjectList;
  for (const name of ['老旧小区加装电梯', '社区食堂', '背街小巷改造'])
    await office.ok('projects.add', { listId: list.id, name });
  await adoptList(office, list.id, '2031-01-20');
  return {
    body,
    deputies,
    meeting,
    motion,
    pv,
    list: (await office.ok('projectLists.get', { id: list.id })) as ProjectList,
  };
}

const exportOf = async (t: TempRuntime, meetingId: number) =>
  (await t.ok('meetingPackages.export', { meetingId })) as ExportedFile;
const fileOf = (f: ExportedFile) => ({ fileName: f.fileName, contentBase64: f.contentBase64 });
const preview = async (t: TempRuntime, f: ExportedFile) =>
  (await t.ok('meetingPackages.preview', fileOf(f))) as PackagePreview;
const importAll = async (t: TempRuntime, f: ExportedFile, resolutions: Record<string, 'local' | 'package'> = {}) =>
  (await t.ok('meetingPackages.import', {
    ...fileOf(f),
    resolutions: Object.entries(resolutions).map(([key, choice]) => ({ key, choice })),
  })) as PackageImported;
const meetingByTitle = async (t: TempRuntime, title: string) =>
  ((await t.ok('meetings.list', {})) as Meeting[]).find((m) => m.title === title)!;

/** What a clerk reads of a meeting's results, without the file's own ids. */
async function results(t: TempRuntime, meetingId: number) {
  const att = (await t.ok('attendance.get', { meetingId })) as {
    summary: unknown;
    rows: { name: string; status: string }[];
  };
  const votes = (await t.ok('votes.list', { meetingId })) as Vote[];
  const pvs = (await t.ok('projectVotes.list', { meetingId })) as ProjectVote[];
  const meeting = (await t.ok('meetings.get', { id: meetingId })) as Meeting;
  return {
    status: meeting.status,
    openedAt: meeting.openedAt,
    summary: att.summary,
    rows: att.rows.map((r) => [r.name, r.status]),
    votes: votes.map((v) => [v.title, v.status, v.result, v.announcement]),
    projectVotes: pvs.map((v) => [v.status, v.result, v.announcement]),
    ballots: t.rt.db
      .prepare('SELECT hex(ballot_id) AS b, yes, no, abstain FROM round_ballots ORDER BY ballot_id')
      .all(),
  };
}

describe('meeting packages', () => {
  it('go office → session laptop → vote → back: the same results on the office laptop, and its audit trail verifies', async () => {
    const office = runtime();
    const o = await prepareInOffice(office);
    const out = await exportOf(office, o.meeting.id);
    expect(out.fileName).toMatch(/江北区会议包测试会议-会议包-\d{8}-\d{6}\.yspkg$/);

    const session = runtime();
    const p = await preview(session, out);
    expect(p.conflicts).toEqual([]);
    expect(p.added).toEqual(
      expect.arrayContaining([
        { kind: '代表资格', count: 9 },
        { kind: '项目', count: 3 },
        { kind: '议程附件', count: 1 },
      ]),
    );
    expect(p.meeting.title).toBe('江北区会议包测试会议');
    expect(session.count('meetings')).toBe(0); // a preview changes nothing
    await importAll(session, out);

    // The session day, on the other laptop.
    const m = await meetingByTitle(session, '江北区会议包测试会议');
    const got = (await session.ok('meetings.get', { id: m.id })) as Meeting & {
      agenda: (AgendaItem & { documents: { id: number }[] })[];
    };
    const doc = (await session.ok('agenda.document', { documentId: got.agenda[0]!.documents[0]!.id })) as ExportedFile;
    expect(Buffer.from(doc.contentBase64, 'base64').toString()).toBe('区政府工作报告全文');
    const members = (await session.ok('members.list', { bodyId: m.bodyId })) as Member[];
    for (const d of members.slice(0, 8))
      await session.ok('attendance.mark', { meetingId: m.id, membershipId: d.membershipId, status: 'present' });
    await session.ok('meetings.open', { id: m.id });
    let vote = (await session.ok('votes.create', {
      agendaItemId: got.agenda[0]!.id,
      mode: 'electronic',
      secrecy: 'secret',
    })) as Vote;
    await session.ok('votes.open', { id: vote.id });
    for (const [i, d] of members.slice(0, 8).entries())
      await session.ok('votes.cast', { id: vote.id, membershipId: d.membershipId, choice: i < 6 ? 'yes' : 'no' });
    vote = (await session.ok('votes.close', { id: vote.id })) as Vote;
    const list = ((await session.ok('projectLists.list', { bodyId: m.bodyId })) as ProjectList[])[0]!;
    const pj = ((await session.ok('projectLists.get', { id: list.id })) as ProjectList).projects;
    let round = (await session.ok('projectVotes.create', {
      listId: list.id,
      agendaItemId: got.agenda[1]!.id,
      style: 'choose',
      mode: 'electronic',
      scrutineers: ['王监票'],
      counters: ['赵计票'],
    })) as ProjectVote;
    round = (await session.ok('projectVotes.open', { id: round.id })) as ProjectVote;
    for (const [i, d] of members.slice(0, 8).entries()) {
      await session.ok('projectVotes.cast', {
        id: round.id,
        membershipId: d.membershipId,
        marks: { yes: i < 5 ? [pj[0]!.id, pj[1]!.id] : [pj[2]!.id] },
      });
    }
    await session.ok('projectVotes.stopVoting', { id: round.id });
    await session.ok('projectVotes.close', { id: round.id, issued: 8 });
    await session.ok('meetings.close', { id: m.id });
    const sessionResults = await results(session, m.id);
    expect(sessionResults.ballots).toHaveLength(16);

    // Back to the office.
    const back = await exportOf(session, m.id);
    const bp = await preview(office, back);
    expect(bp.conflicts).toEqual([]);
    expect(bp.audit).toMatchObject({ linked: true });
    expect(bp.audit!.entries).toBeGreaterThan(30);
    expect(bp.updated.map((c) => `${c.record}·${c.field}`)).toContain('会议“江北区会议包测试会议”·状态');
    await importAll(office, back);
    expect(await results(office, o.meeting.id)).toEqual(sessionResults);
    const verify = (await office.ok('audit.verify', {})) as { ok: boolean; checked: number; notes: string[] };
    expect(verify.ok).toBe(true);
    // The rounds closed on the session laptop are checked against their close entries brought back with them.
    expect(verify.notes.join('；')).not.toMatch(/没有找到结束时的审计记录/);
    expect(office.count('package_audit')).toBe(bp.audit!.entries);
    const entry = office.rt.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'meetingPackage.import'")
      .pluck()
      .get() as string;
    expect(JSON.parse(entry)).toMatchObject({
      digest: bp.digest,
      sessionAudit: { linked: true, entries: bp.audit!.entries },
    });
    // A result edited in the office after it came back is found against the session laptop's close entry.
    expect(
      office.rt.db
        .prepare(
          "UPDATE poll_rounds SET result = json_set(result, '$.yes', 7) WHERE status = 'closed' AND poll_id IN (SELECT id FROM polls WHERE kind = 'motion')",
        )
        .run().changes,
    ).toBe(1);
    const tampered = (await office.ok('audit.verify', {})) as { ok: boolean; findings: { message: string }[] };
    expect(tampered.ok).toBe(false);
    expect(tampered.findings.map((f) => f.message).join('；')).toMatch(/结束时审计的结果不一致/);
    // The same package twice: refused.
    expect(errorOf(await office.call('meetingPackages.preview', fileOf(back))).message).toMatch(
      /已于.*导入本机，无需再次导入/,
    );
  }, 60_000);

  it('refuses an altered or damaged package, and one from a newer schema, with a reason, changing nothing', async () => {
    const office = runtime();
    const o = await prepareInOffice(office);
    const out = await exportOf(office, o.meeting.id);
    const session = runtime();
    const before = session.count('audit_log');
    const text = gunzipSync(Buffer.from(out.contentBase64, 'base64')).toString();
    const altered = gzipSync(text.replace('老旧小区加装电梯', '老旧小区加装扶梯'));
    for (const [content, why] of [
      [altered, /摘要校验不通过，文件已损坏或被改动/],
      [Buffer.from(out.contentBase64, 'base64').subarray(0, 500), /文件已损坏/],
      [gzipSync(text.replace(/"schemaVersion":\d+/, '"schemaVersion":999')), /摘要校验不通过/],
    ] as const) {
      for (const method of ['meetingPackages.preview', 'meetingPackages.import']) {
        const err = errorOf(await session.call(method, { fileName: out.fileName, contentBase64: b64(content) }));
        expect(err.message).toMatch(why);
        expect(err.message).toContain(out.fileName);
      }
    }
    expect(session.count('meetings')).toBe(0);
    expect(session.count('audit_log')).toBe(before);
  });

  it.each(['local', 'package'] as const)(
    'shows an edit made on both laptops with both values, and resolves it (%s)',
    async (choice) => {
      const office = runtime();
      const o = await prepareInOffice(office);
      const out = await exportOf(office, o.meeting.id);
      const session = runtime();
      await importAll(session, out);
      const m = await meetingByTitle(session, '江北区会议包测试会议');
      const on = async (t: TempRuntime, name: string) =>
        ((await t.ok('members.list', { bodyId: t === office ? o.body.id : m.bodyId })) as Member[]).find(
          (x) => x.name === name,
        )!;
      const [a, b] = [o.deputies[0]!, o.deputies[1]!];
      await session.ok('members.update', {
        ...pick(a),
        membershipId: (await on(session, a.name)).membershipId,
        unitTitle: '区教育局局长',
        phone: '13800000001',
      });
      await office.ok('members.update', { ...pick(a), membershipId: a.membershipId, unitTitle: '区卫健委主任' });
      // One edited only on the session laptop: an update, listed, no question.
      await session.ok('members.update', {
        ...pick(b),
        membershipId: (await on(session, b.name)).membershipId,
        notes: '会上补充',
      });
      const back = await exportOf(session, m.id);

      const p = await preview(office, back);
      expect(p.conflicts).toEqual([
        expect.objectContaining({
          record: `代表资格“${a.name}”`,
          field: '工作单位及职务',
          local: '区卫健委主任',
          package: '区教育局局长',
        }),
      ]);
      expect(p.updated).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ record: `人员“${a.name}”`, field: '电话', package: '13800000001' }),
          expect.objectContaining({ record: `代表资格“${b.name}”`, field: '备注', package: '会上补充' }),
        ]),
      );
      const auditBefore = office.count('audit_log');
      const unresolved = errorOf(await office.call('meetingPackages.import', fileOf(back)));
      expect(unresolved.message).toMatch(/还有1项冲突未处理/);
      expect(unresolved.field).toBe('resolutions');
      expect(office.count('audit_log')).toBe(auditBefore);
      expect((await on(office, a.name)).phone).toBe(a.phone);

      await importAll(office, back, { [p.conflicts[0]!.key]: choice });
      expect((await on(office, a.name)).unitTitle).toBe(choice === 'local' ? '区卫健委主任' : '区教育局局长');
      expect((await on(office, a.name)).phone).toBe('13800000001');
      expect((await on(office, b.name)).notes).toBe('会上补充');
      expect(((await office.ok('audit.verify', {})) as { ok: boolean }).ok).toBe(true);
      const detail = JSON.parse(
        office.rt.db
          .prepare("SELECT detail FROM audit_log WHERE action = 'meetingPackage.import'")
          .pluck()
          .get() as string,
      );
      expect(detail.conflicts).toEqual(choice === 'local' ? { local: 1, package: 0 } : { local: 0, package: 1 });
    },
  );
});

const pick = (m: Member) => ({
  name: m.name,
  gender: m.gender,
  ethnicity: m.ethnicity,
  party: m.party,
  unitTitle: m.unitTitle,
  constituency: m.constituency,
  phone: m.phone,
  seatNo: m.seatNo,
  since: m.since,
  until: m.until,
  notes: m.notes,
});
