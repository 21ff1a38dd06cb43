import { AppError, type BodyKind, type ParsedInput, type PollItem, type PollRound } from '../../shared/contract';
import { decidingBodyRefusal } from '../../shared/domain/project-work';
import { parseEvaluationItems } from '../../shared/domain/evaluation-items';
import type { RoundRecord } from '../db/tables/polls';
import { grouped, twoStep, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { assertMeetingStatus, meetingQueries } from './meetings';
import type { PollEngine } from './polls';
import { readSheetRows, writeEvaluationItemsTemplate } from './roster-files';
import { XLSX_MIME } from './xlsx-export';

/** The engine's own methods (`polls.*`, any kind of round) and the 满意度测评's (`evaluations.*`). */
export function pollMethods(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const meetings = meetingQueries(db);
  const view = (r: RoundRecord): PollRound => engine.view(r);
  const evaluation = (id: number) => engine.roundOfKind(id, 'evaluation', '测评');

  /**
   * Items refer to what they evaluate: a report on this meeting's agenda; a project that this meeting's body may hear
   * (its own lists, or for the standing committee the district congress's: the year-end 测评 of the chosen projects
   * is often the committee's, §5) — the one rule that also says who may decide on a project or hear its progress.
   */
  function checkItems(
    meetingId: number,
    meetingBody: { bodyId: number; bodyKind: BodyKind },
    items: Omit<PollItem, 'id' | 'position'>[],
  ) {
    items.forEach((it, i) => {
      const where = `输入有误：“测评项目”第${i + 1}项“${it.title}”：`;
      if (
        it.kind === 'report' &&
        it.refId !== null &&
        !db.prepare('SELECT 1 FROM agenda_items WHERE id = ? AND meeting_id = ?').get(it.refId, meetingId)
      ) {
        throw new AppError('VALIDATION', `${where}所关联的报告不是本次会议的议程`, 'items');
      }
      if (it.kind === 'project' && it.refId !== null) {
        const list = db
          .prepare(
            'SELECT l.body_id AS bodyId, b.kind AS bodyKind, b.name AS bodyName FROM projects p JOIN project_lists l ON l.id = p.list_id JOIN bodies b ON b.id = l.body_id WHERE p.id = ?',
          )
          .get(it.refId) as { bodyId: number; bodyKind: BodyKind; bodyName: string } | undefined;
        if (!list) throw new AppError('VALIDATION', `${where}所关联的民生实事项目不存在`, 'items');
        const who = decidingBodyRefusal(list, meetingBody);
        if (who)
          throw new AppError(
            'VALIDATION',
            `${where}所关联的民生实事项目属于${list.bodyName}的项目清单，只能由${who}测评`,
            'items',
          );
      }
      if ((it.kind === 'report' || it.kind === 'project') && it.refId === null)
        throw new AppError('VALIDATION', `${where}请选择所关联的${it.kind === 'report' ? '报告' : '项目'}`, 'items');
    });
    const titles = new Set<string>();
    for (const it of items) {
      if (titles.has(it.title))
        throw new AppError('VALIDATION', `输入有误：“测评项目”：“${it.title}”重复列出`, 'items');
      titles.add(it.title);
    }
  }

  function setItems(
    r: RoundRecord,
    items: Omit<PollItem, 'id' | 'position'>[],
    ctx: WriteContext,
    detail: unknown,
  ): PollRound {
    if (r.status !== 'pending' || r.round > 1) throw new AppError('CONFLICT', '测评已开始，测评项目不能再改', 'id');
    const m = meetings.getMeeting(r.meetingId);
    assertMeetingStatus(m, ['preparing', 'open'], '修改测评项目');
    checkItems(m.id, m, items);
    const ids = engine.polls.setItems(r.pollId, items);
    engine.polls.setItemIds(r.id, ids, null);
    engine.audit(ctx, r, 'items', detail);
    engine.emitChanged(ctx, r);
    return view(engine.round(r.id));
  }

  return {
    'polls.list': (input: ParsedInput<'polls.list'>) => {
      meetings.getMeeting(input.meetingId, 'meetingId');
      return engine.polls.roundsOfMeeting(input.meetingId).map(view);
    },
    'polls.get': (input: ParsedInput<'polls.get'>) => view(engine.round(input.id)),
    'polls.open': (input: ParsedInput<'polls.open'>, ctx: WriteContext) =>
      view(engine.open(engine.round(input.id), ctx)),
    // Grouped with the casts arriving with it (group commit): answered once on disk.
    'polls.cast': grouped((input: ParsedInput<'polls.cast'>, ctx: WriteContext) => {
      // The round read and parsed once per group: a cast changes nothing of it (engine.cast), and only casts and
      // sign-ins share a group, so the casts after the first take it as the first read it.
      const key = `round:${input.id}`;
      const r = ctx.memo.get<RoundRecord>(key) ?? engine.round(input.id);
      ctx.memo.set(key, r);
      const returned = engine.cast(r, input.membershipId, input.ballot, ctx, {
        notEligible: (name) => `${name ?? '该人员'}在投票开始时未签到出席，不能参加本次投票`,
      });
      return { accepted: true as const, returned };
    }),
    'polls.enterCounts': (input: ParsedInput<'polls.enterCounts'>, ctx: WriteContext) =>
      view(engine.enterCounts(engine.round(input.id), input, ctx)),
    'polls.stopVoting': (input: ParsedInput<'polls.stopVoting'>, ctx: WriteContext) =>
      view(engine.stopVoting(engine.round(input.id), ctx)),
    'polls.paperEnter': (input: ParsedInput<'polls.paperEnter'>, ctx: WriteContext) =>
      engine.paperEnter(engine.round(input.id), input, ctx),
    'polls.paperBatch': (input: ParsedInput<'polls.paperBatch'>) => {
      const r = engine.round(input.id);
      engine.assertPaper(r);
      return engine.batchState(r, input.batch);
    },
    'polls.paperCompare': (input: ParsedInput<'polls.paperCompare'>) => {
      const r = engine.round(input.id);
      engine.assertPaper(r);
      return engine.comparison(r);
    },
    'polls.countSheet': (input: ParsedInput<'polls.countSheet'>, ctx: WriteContext) =>
      engine.countSheet(engine.round(input.id), input.lines, ctx),
    'polls.close': (input: ParsedInput<'polls.close'>, ctx: WriteContext) =>
      view(engine.close(engine.round(input.id), input, ctx)),
    'polls.recount': (input: ParsedInput<'polls.recount'>) => engine.recount(engine.round(input.id)),

    'polls.nextRound': (input: ParsedInput<'polls.nextRound'>, ctx: WriteContext) => {
      const src = engine.round(input.id);
      engine.assertStep(src, 'nextRound');
      return view(engine.planNext(src, input.mode ?? src.mode, ctx));
    },

    'evaluations.create': (input: ParsedInput<'evaluations.create'>, ctx: WriteContext) => {
      const item = meetings.getItem(input.agendaItemId, 'agendaItemId');
      const m = meetings.getMeeting(item.meetingId);
      assertMeetingStatus(m, ['preparing', 'open'], '安排测评');
      if (item.kind !== 'evaluation')
        throw new AppError('VALIDATION', `输入有误：“议程”：“${item.title}”不是测评议程`, 'agendaItemId');
      checkItems(m.id, m, input.items);
      // 满意度测评 is by secret ballot (../shared/rules/README.md §5).
      const r = engine.create(
        {
          agendaItemId: item.id,
          meetingId: m.id,
          kind: 'evaluation',
          style: input.style,
          secrecy: 'secret',
          title: input.title ?? item.title,
          listId: null,
          mode: input.mode,
          seats: null,
          itemIds: [],
          pass: null,
          scrutineers: input.scrutineers,
          counters: input.counters,
        },
        ctx,
        {
          title: input.title ?? item.title,
          style: input.style,
          mode: input.mode,
          items: input.items.length,
          scrutineers: input.scrutineers,
          counters: input.counters,
        },
        input.items,
      );
      return view(r);
    },
    'evaluations.setItems': (input: ParsedInput<'evaluations.setItems'>, ctx: WriteContext) =>
      setItems(evaluation(input.id), input.items, ctx, { items: input.items.length }),
    'evaluations.importItems': twoStep(
      async (input: ParsedInput<'evaluations.importItems'>) => {
        evaluation(input.id);
        const sheet = await readSheetRows(input.fileName, input.contentBase64);
        if (!('rows' in sheet))
          throw new AppError('IMPORT_INVALID', `导入未执行，测评项目未作任何改动：${sheet.message}`, undefined, [
            sheet,
          ]);
        const parsed = parseEvaluationItems(sheet.rows);
        if (parsed.errors.length) {
          const f = parsed.errors[0]!;
          throw new AppError(
            'IMPORT_INVALID',
            `导入未执行，测评项目未作任何改动：共${parsed.errors.length}处错误，首处在第${f.row}行“${f.field}”：${f.message}`,
            undefined,
            parsed.errors,
          );
        }
        return parsed.items;
      },
      (input, rows, ctx) => {
        const r = evaluation(input.id);
        const existing = engine
          .itemsOf(r)
          .map(({ kind, refId, number, title, department }) => ({ kind, refId, number, title, department }));
        const added = rows.map((x) => ({
          kind: x.kind,
          refId: null,
          number: x.number,
          title: x.number ? `${x.kind === 'motion_handling' ? '议案' : '建议'}第${x.number}号：${x.title}` : x.title,
          department: x.department,
        }));
        return setItems(r, [...existing, ...added], ctx, { fileName: input.fileName, rows: added.length });
      },
    ),
    'evaluations.itemsTemplate': async () => ({
      fileName: '测评项目导入模板.xlsx',
      mimeType: XLSX_MIME,
      contentBase64: (await writeEvaluationItemsTemplate('代表建议、议案办理情况测评项目')).toString('base64'),
    }),
  };
}
