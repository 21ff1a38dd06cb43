import { describe, expect, it } from 'vitest';
import {
  AppError,
  api,
  isMethodName,
  labelOfPath,
  methodNames,
  parseInput,
  type MethodName,
} from '../../shared/contract';
import { CJK } from './helpers';

/** A valid rule set and meeting, so each bad row below differs from a good input in one field only. */
const goodRules = {
  quorum: { num: 2, den: 3, strict: false, basis: '须有三分之二以上代表出席（地方组织法第十四条）' },
  pass: { num: 1, den: 2, strict: true, base: 'members', basis: '以全体代表的过半数通过（地方组织法第二十五条）' },
  proxies: false,
};
const goodMeeting = {
  bodyId: 1,
  kind: 'township_quarterly',
  ruleSetId: 5,
  title: '鱼嘴镇第十八届人大第二次季会',
  date: '2025-04-10',
  startTime: '09:00',
  endTime: '11:30',
  quarter: 2,
};

/**
 * One bad input per method, with the field the error must name (undefined when the whole request is wrong).
 * A method added to the contract without a row here fails the coverage test below.
 */
const badInputs: Record<MethodName, { input: unknown; field: string | undefined }[]> = {
  'system.info': [
    { input: 'abc', field: undefined },
    { input: [], field: undefined },
  ],
  'bodies.list': [
    { input: 42, field: undefined },
    { input: ['bodies'], field: undefined },
  ],
  'bodies.create': [
    { input: { kind: 'city_council', name: '某市议会' }, field: 'kind' },
    { input: { kind: 'district_congress', name: '区' }, field: 'name' },
  ],
  'bodies.update': [{ input: { id: 0, name: '江北区人民代表大会' }, field: 'id' }],
  'members.list': [
    { input: { bodyId: '1' }, field: 'bodyId' },
    { input: { bodyId: 1, includeFormer: 'yes' }, field: 'includeFormer' },
  ],
  'members.create': [
    { input: { bodyId: 1, name: '张三', gender: '未知' }, field: 'gender' },
    { input: { bodyId: 1, name: '张三', phone: '12345' }, field: 'phone' },
    { input: { bodyId: 1, name: '张' }, field: 'name' },
    { input: { bodyId: 1, name: '张三3' }, field: 'name' },
    { input: { bodyId: 1.5, name: '张三' }, field: 'bodyId' },
    { input: { bodyId: 1, name: '张三', since: '2021/10/01' }, field: 'since' },
  ],
  'members.update': [{ input: { membershipId: 1, name: '李四', notes: 'x'.repeat(501) }, field: 'notes' }],
  'members.end': [
    { input: { membershipId: 1, until: '2024-01-01', reason: '  ' }, field: 'reason' },
    { input: { membershipId: 1, until: '2024年1月1日', reason: '辞职' }, field: 'until' },
  ],
  'roster.importPreview': [{ input: { bodyId: 1, fileName: '名册.xls', contentBase64: 'AAAA' }, field: 'fileName' }],
  'roster.importCommit': [
    { input: { bodyId: 1, fileName: '名册.csv', contentBase64: '' }, field: 'contentBase64' },
    { input: { bodyId: 1, fileName: '名册.csv', contentBase64: 'YQ==', mode: 'replace' }, field: 'mode' },
  ],
  'roster.export': [{ input: { bodyId: -3 }, field: 'bodyId' }],
  'roster.template': [{ input: {}, field: 'bodyId' }],
  'audit.list': [
    { input: { limit: 0 }, field: 'limit' },
    { input: { limit: 10, beforeId: 'x' }, field: 'beforeId' },
    { input: { group: 'votes' }, field: 'group' },
    { input: { from: '昨天' }, field: 'from' },
    { input: { from: '2026-03-02', to: '2026-03-01' }, field: 'to' },
  ],
  'audit.export': [
    { input: { meetingId: 0 }, field: 'meetingId' },
    { input: { to: '2026-13-45T99:00' }, field: 'to' },
  ],
  'audit.verify': [{ input: 'verify', field: undefined }],
  'backups.list': [{ input: 'all', field: undefined }],
  'backups.create': [{ input: { note: '备'.repeat(101) }, field: 'note' }],
  'backups.restore': [
    { input: { name: '' }, field: 'name' },
    { input: { name: '../yishitai.sqlite' }, field: 'name' },
    { input: { name: 'yishitai-x/../../etc.sqlite' }, field: 'name' },
  ],
  'meetingPackages.export': [
    { input: { meetingId: 0 }, field: 'meetingId' },
    { input: {}, field: 'meetingId' },
  ],
  'meetingPackages.preview': [
    { input: { fileName: '会议.yspkg', contentBase64: '' }, field: 'contentBase64' },
    { input: { fileName: '', contentBase64: 'AAAA' }, field: 'fileName' },
  ],
  'meetingPackages.import': [
    {
      input: { fileName: '会议.yspkg', contentBase64: 'AAAA', resolutions: [{ key: 'k', choice: 'mine' }] },
      field: 'resolutions.0.choice',
    },
    { input: { fileName: '会议.yspkg', contentBase64: '' }, field: 'contentBase64' },
  ],
  'backups.restoreFile': [
    { input: { fileName: '备份.sqlite', contentBase64: '' }, field: 'contentBase64' },
    { input: { fileName: '', contentBase64: 'AAAA' }, field: 'fileName' },
  ],

  'ruleSets.list': [{ input: 'all', field: undefined }],
  'ruleSets.copy': [
    { input: { id: 0, name: '本镇季会规则' }, field: 'id' },
    { input: { id: 1, name: '规' }, field: 'name' },
  ],
  'ruleSets.update': [
    {
      input: { id: 6, name: '本镇季会规则', rules: { ...goodRules, quorum: { ...goodRules.quorum, num: 4, den: 3 } } },
      field: 'rules.quorum',
    },
    {
      input: { id: 6, name: '本镇季会规则', rules: { ...goodRules, quorum: { ...goodRules.quorum, basis: ' ' } } },
      field: 'rules.quorum.basis',
    },
    {
      input: { id: 6, name: '本镇季会规则', rules: { ...goodRules, pass: { ...goodRules.pass, base: 'everyone' } } },
      field: 'rules.pass.base',
    },
    { input: { id: 6, name: '本镇季会规则', rules: { ...goodRules, proxies: 'no' } }, field: 'rules.proxies' },
  ],
  'meetings.list': [{ input: { bodyId: 0 }, field: 'bodyId' }],
  'meetings.get': [{ input: { id: 'x' }, field: 'id' }],
  'meetings.create': [
    { input: { ...goodMeeting, kind: 'annual_session' }, field: 'kind' },
    { input: { ...goodMeeting, quarter: 5 }, field: 'quarter' },
    { input: { ...goodMeeting, quarter: 0 }, field: 'quarter' },
    { input: { ...goodMeeting, startTime: '25:00' }, field: 'startTime' },
    { input: { ...goodMeeting, endTime: '9:30' }, field: 'endTime' },
    { input: { ...goodMeeting, date: '2025/04/10' }, field: 'date' },
    { input: { ...goodMeeting, title: '会' }, field: 'title' },
    { input: { ...goodMeeting, ruleSetId: null }, field: 'ruleSetId' },
  ],
  'meetings.update': [
    { input: { ...goodMeeting, id: 1, bodyId: undefined, kind: undefined, startTime: '08:60' }, field: 'startTime' },
    { input: { ...goodMeeting, id: -1 }, field: 'id' },
  ],
  'meetings.open': [{ input: { id: 1, overrideReason: 'x'.repeat(201) }, field: 'overrideReason' }],
  'meetings.close': [{ input: { id: 1.5 }, field: 'id' }],
  'agenda.add': [
    { input: { meetingId: 1, kind: 'speech', title: '听取政府工作报告' }, field: 'kind' },
    { input: { meetingId: 1, kind: 'report', title: '报' }, field: 'title' },
  ],
  'agenda.update': [
    { input: { id: 1, kind: 'motion', title: '关于某事的决定', notes: 'x'.repeat(501) }, field: 'notes' },
  ],
  'agenda.move': [{ input: { id: 1, direction: 'left' }, field: 'direction' }],
  'agenda.remove': [{ input: {}, field: 'id' }],
  'agenda.attach': [
    { input: { itemId: 1, fileName: '报告.pdf', contentBase64: '' }, field: 'contentBase64' },
    { input: { itemId: 1, fileName: ' ', contentBase64: 'AAAA' }, field: 'fileName' },
  ],
  'agenda.document': [{ input: { documentId: 0 }, field: 'documentId' }],
  'attendance.get': [{ input: { meetingId: '3' }, field: 'meetingId' }],
  'attendance.mark': [
    { input: { meetingId: 1, membershipId: 2, status: 'leave' }, field: 'reason' },
    { input: { meetingId: 1, membershipId: 2, status: 'leave', reason: '  ' }, field: 'reason' },
    { input: { meetingId: 1, membershipId: 2, status: 'late' }, field: 'status' },
    { input: { meetingId: 1, status: 'present' }, field: 'membershipId' },
  ],
  'attendance.markOne': [
    { input: { meetingId: 1, membershipId: 2, status: 'leave', reason: '  ' }, field: 'reason' },
    { input: { meetingId: 1, membershipId: 2, status: 'late' }, field: 'status' },
    { input: { meetingId: 1, status: 'present' }, field: 'membershipId' },
  ],
  'votes.list': [{ input: { meetingId: -1 }, field: 'meetingId' }],
  'votes.get': [{ input: { id: null }, field: 'id' }],
  'votes.create': [
    { input: { agendaItemId: 1, mode: 'phone', secrecy: 'named' }, field: 'mode' },
    { input: { agendaItemId: 1, mode: 'electronic', secrecy: 'open' }, field: 'secrecy' },
  ],
  'votes.open': [{ input: { id: 0 }, field: 'id' }],
  'votes.cast': [
    { input: { id: 1, membershipId: 2, choice: 'maybe' }, field: 'choice' },
    { input: { id: 1, membershipId: 0, choice: 'yes' }, field: 'membershipId' },
  ],
  'votes.enterCounts': [
    { input: { id: 1, yes: -1, no: 0, abstain: 0 }, field: 'yes' },
    { input: { id: 1, yes: 10, no: -3, abstain: 0 }, field: 'no' },
    { input: { id: 1, yes: 10, no: 0, abstain: 1.5 }, field: 'abstain' },
    { input: { id: 1, yes: '10', no: 0, abstain: 0 }, field: 'yes' },
  ],
  'votes.close': [{ input: { id: 'last' }, field: 'id' }],
  'votes.revote': [{ input: { id: 1, mode: 'shout' }, field: 'mode' }],
  'votes.roll': [{ input: { id: -2 }, field: 'id' }],

  'projectLists.list': [{ input: { bodyId: 0 }, field: 'bodyId' }],
  'projectLists.get': [{ input: { id: 'x' }, field: 'id' }],
  'projectLists.create': [
    { input: { bodyId: 1, year: 2025, title: '2026年民生实事候选项目', seats: 0 }, field: 'seats' },
  ],
  'projectLists.update': [{ input: { id: 1, title: '清', seats: 10 }, field: 'title' }],
  'projects.add': [{ input: { listId: 1, name: '新建社区养老服务中心', budgetWan: -5 }, field: 'budgetWan' }],
  'projects.update': [{ input: { id: 1, name: '项' }, field: 'name' }],
  'projects.remove': [{ input: { id: 0 }, field: 'id' }],
  'projects.move': [{ input: { id: 1, direction: 'top' }, field: 'direction' }],
  'projects.importPreview': [
    { input: { listId: 1, fileName: '候选项目.doc', contentBase64: 'AAAA' }, field: 'fileName' },
  ],
  'projects.importCommit': [
    { input: { listId: 1, fileName: '候选项目.xlsx', contentBase64: '' }, field: 'contentBase64' },
  ],
  'projectVotes.list': [{ input: { listId: -1 }, field: 'listId' }],
  'projectVotes.get': [{ input: { id: null }, field: 'id' }],
  'projectVotes.create': [
    { input: { listId: 1, agendaItemId: 2, style: 'lottery', mode: 'electronic' }, field: 'style' },
  ],
  'projectVotes.open': [{ input: { id: 0 }, field: 'id' }],
  'projectVotes.cast': [{ input: { id: 1, membershipId: 2, marks: { yes: 'all' } }, field: 'marks.yes' }],
  'projectVotes.stopVoting': [{ input: { id: 1.5 }, field: 'id' }],
  'projectVotes.paperEnter': [{ input: { id: 1, batch: 3, keys: '1 2 3' }, field: 'batch' }],
  'projectVotes.paperBatch': [{ input: { id: 1, batch: 0 }, field: 'batch' }],
  'projectVotes.paperCompare': [{ input: { id: -1 }, field: 'id' }],
  'projectVotes.manualTotals': [{ input: { id: 1, totals: 'none' }, field: 'totals' }],
  'projectVotes.close': [{ input: { id: 1, issued: -1 }, field: 'issued' }],
  'projectVotes.nextRound': [{ input: { id: 1, mode: 'shout' }, field: 'mode' }],

  'screen.view': [{ input: 'now', field: undefined }],
  'screen.show': [
    { input: { mode: 'fireworks' }, field: 'mode' },
    { input: { mode: 'message', message: '  ' }, field: 'message' },
    { input: { mode: 'vote' }, field: 'voteId' },
  ],
  'screen.reveal': [{ input: { reveal: 'yes' }, field: 'reveal' }],
  'screen.displays': [{ input: [], field: undefined }],
  'screen.openWindow': [{ input: { displayId: 1.5 }, field: 'displayId' }],
  'screen.closeWindow': [{ input: 7, field: undefined }],
  'polls.list': [{ input: { meetingId: 'a' }, field: 'meetingId' }],
  'polls.get': [{ input: { id: -1 }, field: 'id' }],
  'polls.open': [{ input: {}, field: 'id' }],
  'polls.cast': [
    { input: { id: 1, membershipId: 2, ballot: { ratings: ['很满意'] } }, field: 'ballot.ratings.0' },
    { input: { id: 1, membershipId: 2, ballot: { scores: [101] } }, field: 'ballot.scores.0' },
    { input: { id: 1, membershipId: 2, ballot: { choice: 'yes', scores: [90] } }, field: 'ballot.choice' },
  ],
  'polls.enterCounts': [{ input: { id: 1, yes: -1, no: 0, abstain: 0 }, field: 'yes' }],
  'polls.stopVoting': [{ input: { id: 'x' }, field: 'id' }],
  'polls.paperEnter': [{ input: { id: 1, batch: 3, keys: '123' }, field: 'batch' }],
  'polls.paperBatch': [{ input: { id: 1, batch: 0 }, field: 'batch' }],
  'polls.paperCompare': [{ input: { id: 0 }, field: 'id' }],
  'polls.countSheet': [
    { input: { id: 1, lines: [{ position: 1, counts: { satisfied: -2 } }] }, field: 'lines.0.counts.satisfied' },
  ],
  'polls.close': [{ input: { id: 1, issued: -3 }, field: 'issued' }],
  'polls.nextRound': [{ input: { id: 1, mode: 'phone' }, field: 'mode' }],
  'polls.recount': [{ input: {}, field: 'id' }],
  'evaluations.create': [
    { input: { agendaItemId: 1, style: 'rating', mode: 'paper', items: [] }, field: 'items' },
    {
      input: { agendaItemId: 1, style: 'stars', mode: 'paper', items: [{ kind: 'free', title: '区政府工作报告' }] },
      field: 'style',
    },
    {
      input: { agendaItemId: 1, style: 'rating', mode: 'paper', items: [{ kind: 'free', title: '报' }] },
      field: 'items.0.title',
    },
  ],
  'evaluations.setItems': [
    { input: { id: 1, items: [{ kind: 'unknown', title: '区政府工作报告' }] }, field: 'items.0.kind' },
  ],
  'evaluations.importItems': [{ input: { id: 1, fileName: '建议.doc', contentBase64: 'AA==' }, field: 'fileName' }],
  'evaluations.itemsTemplate': [{ input: 'x', field: undefined }],
  'projectFiles.attach': [
    { input: { projectId: 1, stage: 'photos', fileName: 'a.jpg', contentBase64: 'AA==' }, field: 'stage' },
    { input: { projectId: 1, stage: 'progress', fileName: '', contentBase64: 'AA==' }, field: 'fileName' },
  ],
  'projectFiles.list': [{ input: { projectId: 0 }, field: 'projectId' }],
  'projectFiles.get': [{ input: {}, field: 'fileId' }],
  'projectFiles.remove': [{ input: { fileId: 'x' }, field: 'fileId' }],
  'projects.record': [{ input: { id: 0 }, field: 'id' }],
  'projects.timeline': [{ input: {}, field: 'id' }],
  'projectPlans.set': [
    { input: { projectId: 1, department: '' }, field: 'department' },
    { input: { projectId: 1, department: '区民政局', budgetWan: -1 }, field: 'budgetWan' },
    { input: { projectId: 1, department: '区民政局', startOn: '2026-13-01' }, field: 'startOn' },
    {
      input: { projectId: 1, department: '区民政局', startOn: '2026-05-01', finishOn: '2026-03-01' },
      field: 'finishOn',
    },
  ],
  'projectMilestones.add': [
    { input: { projectId: 1, title: '开工', dueOn: '明年' }, field: 'dueOn' },
    { input: { projectId: 1, title: '', dueOn: '2026-05-01' }, field: 'title' },
  ],
  'projectMilestones.update': [{ input: { id: 1, title: '完工验收', dueOn: '2026-02-30' }, field: 'dueOn' }],
  'projectMilestones.done': [{ input: { id: 1, doneOn: '6月1日' }, field: 'doneOn' }],
  'projectMilestones.remove': [{ input: { id: -1 }, field: 'id' }],
  'projectProgress.add': [
    { input: { projectId: 1, reportedOn: '2026-06-30', percent: 120, text: '主体完工' }, field: 'percent' },
    {
      input: { projectId: 1, reportedOn: '2026-06-30', percent: 50, spentWan: -3, text: '主体完工' },
      field: 'spentWan',
    },
    { input: { projectId: 1, reportedOn: '2026-06-30', percent: 50 }, field: 'text' },
  ],
  'projectInspections.add': [
    { input: { projectId: 1, kind: 'visit', heldOn: '2026-06-30', findings: '进度滞后' }, field: 'kind' },
    {
      input: { projectId: 1, kind: 'inspection', heldOn: '2026-06-30', participants: ['张'], findings: '进度滞后' },
      field: 'participants.0',
    },
  ],
  'projectDecisions.propose': [
    { input: { projectId: 1, agendaItemId: 1, kind: 'cancel', summary: '调整实施地点' }, field: 'kind' },
    { input: { projectId: 1, agendaItemId: 1, kind: 'change', summary: '' }, field: 'summary' },
  ],
  'agendaProjects.set': [{ input: { agendaItemId: 1, projectIds: [0] }, field: 'projectIds.0' }],
  'agendaProjects.get': [{ input: { agendaItemId: 'x' }, field: 'agendaItemId' }],
  'agendaProjects.options': [{ input: { agendaItemId: 0 }, field: 'agendaItemId' }],
  'projectEvaluations.list': [{ input: {}, field: 'projectId' }],
  'projectEvaluations.rewrite': [{ input: { roundId: 0 }, field: 'roundId' }],
  'rectifications.list': [
    { input: { state: 'late' }, field: 'state' },
    { input: { asOf: '2025-02-30' }, field: 'asOf' },
  ],
  'rectifications.get': [{ input: { id: 'x' }, field: 'id' }],
  'rectifications.update': [
    { input: { id: 1 }, field: 'deadline' },
    { input: { id: 1, deadline: '2025/9/1' }, field: 'deadline' },
  ],
  'rectifications.respond': [
    { input: { id: 1, response: '', respondedOn: '2025-09-01' }, field: 'response' },
    { input: { id: 1, response: '已完成整改', respondedOn: '' }, field: 'respondedOn' },
  ],
  'projectYear.board': [
    { input: { bodyId: 1 }, field: 'year' },
    { input: { bodyId: 1, year: 1999 }, field: 'year' },
  ],
  'projectYear.trends': [{ input: { bodyId: 1, fromYear: 2026, toYear: 2025 }, field: 'fromYear' }],
  'projectYear.export': [{ input: { year: 2025 }, field: 'bodyId' }],
  'exports.attendance': [{ input: { meetingId: 0 }, field: 'meetingId' }],
  'exports.round': [
    { input: { roundId: '3' }, field: 'roundId' },
    { input: {}, field: 'roundId' },
  ],
  'exports.rollCall': [{ input: { roundId: 1.5 }, field: 'roundId' }],
  'exports.evaluations': [{ input: { meetingId: -1 }, field: 'meetingId' }],
  'fingerprints.get': [
    { input: {}, field: 'roundId' },
    { input: { roundId: 1, listId: 2 }, field: 'roundId' },
    { input: { meetingId: 0 }, field: 'meetingId' },
  ],
  'fingerprints.check': [
    { input: { code: '' }, field: 'code' },
    { input: {}, field: 'code' },
    { input: { code: 'x'.repeat(81) }, field: 'code' },
  ],
  'documents.result': [
    { input: {}, field: 'roundId' },
    { input: { roundId: 1, listId: 1 }, field: 'roundId' },
    { input: { listId: 'x' }, field: 'listId' },
  ],
  'documents.minutes': [{ input: { meetingId: 0 }, field: 'meetingId' }],
  'documents.signIn': [
    { input: { meetingId: 'x' }, field: 'meetingId' },
    { input: {}, field: 'meetingId' },
  ],
  'documents.ballot': [{ input: { roundId: 0 }, field: 'roundId' }],
  'documents.countSheet': [
    { input: { roundId: 2.5 }, field: 'roundId' },
    { input: {}, field: 'roundId' },
  ],
  'lan.status': [{ input: 'x', field: undefined }],
  'lan.start': [
    { input: { port: 80 }, field: 'port' },
    { input: { port: 'x' }, field: 'port' },
    { input: {}, field: 'port' },
  ],
  'lan.stop': [{ input: 7, field: undefined }],
  'rehearsals.start': [
    { input: { meetingId: 1, terminals: 0, rate: 100, kind: 'motion' }, field: 'terminals' },
    { input: { meetingId: 1, terminals: 5001, rate: 100, kind: 'motion' }, field: 'terminals' },
    { input: { meetingId: 1, terminals: 50, rate: 0, kind: 'motion' }, field: 'rate' },
    { input: { meetingId: 1, terminals: 50, rate: 100, kind: 'report' }, field: 'kind' },
    { input: { terminals: 50, rate: 100, kind: 'motion' }, field: 'meetingId' },
  ],
  'rehearsals.status': [{ input: 'x', field: undefined }],
  'rehearsals.stop': [{ input: 7, field: undefined }],
  'credentials.list': [{ input: {}, field: 'meetingId' }],
  'credentials.revoke': [{ input: { meetingId: 1 }, field: 'membershipId' }],
  'credentials.reissue': [{ input: { meetingId: 0, membershipId: 1 }, field: 'meetingId' }],
  'desks.create': [
    { input: { meetingId: 1, name: '' }, field: 'name' },
    { input: { meetingId: 1, name: '一'.repeat(21) }, field: 'name' },
  ],
  'desks.list': [{ input: { meetingId: 'a' }, field: 'meetingId' }],
  'desks.link': [{ input: {}, field: 'id' }],
  'desks.revoke': [{ input: { id: -1 }, field: 'id' }],
  'documents.slips': [{ input: {}, field: 'meetingId' }],
  'projects.screen': [
    { input: { id: 1, to: 'approved' }, field: 'to' },
    { input: { id: 1, to: 'rejected', reason: '无' }, field: 'reason' },
  ],
  'projectLists.adopt': [
    { input: { id: 1, by: 'mayor', on: '2026-01-12', ref: '第十五次主任会议' }, field: 'by' },
    { input: { id: 1, by: 'directors', on: '1月12日', ref: '第十五次主任会议' }, field: 'on' },
    { input: { id: 1, by: 'committee', on: '2026-01-12', ref: '' }, field: 'ref' },
  ],
  'projectLists.unadopt': [{ input: { id: 1, reason: '' }, field: 'reason' }],
  'projects.importTemplate': [{ input: 'x', field: undefined }],
  'projectLists.result': [{ input: { listId: 0 }, field: 'listId' }],
  'projectLists.settle': [
    { input: { listId: 1, decision: 'fill', reason: '主席团决定' }, field: 'decision' },
    { input: { listId: 1, decision: 'leave_unfilled', reason: ' ' }, field: 'reason' },
    { input: { decision: 'runoff', reason: '主席团决定' }, field: 'listId' },
  ],
};

function validationError(name: MethodName, input: unknown): AppError {
  try {
    parseInput(name, input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`${name} accepted ${JSON.stringify(input)}`);
}

/** Wording that is not plain Chinese: zod's type names and symbols, English, date-pattern placeholders. */
const NOT_PLAIN =
  /期望|string|number|boolean|object|array|undefined|NaN|Invalid|expected|[<>]=?\s*\d|yyyy|HH:mm|(?<!\.)\b[A-Za-z]{4,}/;

describe('contract validation', () => {
  it('has a bad-input case for every method of the contract, and none for methods that do not exist', () => {
    expect(Object.keys(badInputs).sort()).toEqual([...methodNames].sort());
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) expect(badInputs[name].length, name).toBeGreaterThan(0);
  });

  const cases = methodNames.flatMap((name) => badInputs[name].map((c) => ({ name, ...c })));
  it.each(cases)('$name rejects $input', ({ name, input, field }) => {
    const err = validationError(name, input);
    expect(err.code).toBe('VALIDATION');
    expect(err.message.startsWith('输入有误')).toBe(true);
    expect(err.message).toMatch(CJK);
    expect(err.field).toBe(field);
    if (field)
      expect(err.message).toContain(
        `“${labelOfPath(
          field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          name,
        )}”`,
      );
    expect(err.toValue()).toEqual(
      field ? { code: 'VALIDATION', message: err.message, field } : { code: 'VALIDATION', message: err.message },
    );
    expect(err.message).not.toMatch(NOT_PLAIN);
  });

  it('says every broken rule in plain Chinese, for every field of every method', () => {
    // Each top-level field of each method given each wrong kind of value: zod's own wording ("期望 string",
    // ">=2 字符", "Invalid input") never reaches a clerk.
    const wrong: unknown[] = [{}, [], 'x', -1, 1.5, true, 'a'.repeat(100_000), [1, 2, 3]];
    let checked = 0;
    for (const name of methodNames) {
      const shape = (api[name].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of Object.keys(shape)) {
        for (const value of wrong) {
          const res = api[name].input.safeParse({ [key]: value });
          if (res.success) continue;
          const err = validationError(name, { [key]: value });
          expect(err.message, `${name}.${key} = ${JSON.stringify(value).slice(0, 20)}`).not.toMatch(NOT_PLAIN);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it.each([
    [{ id: 1, name: '区' }, '输入有误：“名称”：至少2个字'],
    [{ id: 1 }, '输入有误：“名称”：必须填写'],
    [{ id: 1, name: 42 }, '输入有误：“名称”：应为文字'],
    [{ id: 1.5, name: '江北区人大' }, '输入有误：“编号”：应为整数'],
  ])('words bodies.update %j as %s', (input, message) => {
    expect(validationError('bodies.update', input).message).toBe(message);
  });

  it('rejects non-objects for every method, including those whose input is {}', () => {
    for (const name of methodNames) {
      for (const input of ['abc', 7, true, [], [{}]]) {
        const err = validationError(name, input);
        expect(err.code, `${name} ${JSON.stringify(input)}`).toBe('VALIDATION');
        expect(err.field).toBeUndefined();
        expect(err.message).toMatch(/^输入有误：请求：/);
      }
    }
  });

  it('accepts good input, trims text and turns empty optional fields into null', () => {
    expect(parseInput('system.info', {})).toEqual({});
    expect(parseInput('system.info', undefined)).toEqual({});
    expect(parseInput('audit.list', {})).toEqual({ limit: 100 });
    const m = parseInput('members.create', {
      bodyId: 3,
      name: ' 买买提·艾力 ',
      gender: '男',
      phone: null,
      party: '  ',
      unitTitle: '',
      since: '2021-10-01',
      extra: 'dropped',
    });
    expect(m).toMatchObject({
      bodyId: 3,
      name: '买买提·艾力',
      gender: '男',
      phone: null,
      party: null,
      unitTitle: null,
      ethnicity: null,
      since: '2021-10-01',
      until: null,
    });
    expect(m).not.toHaveProperty('extra');
    expect(parseInput('members.create', { bodyId: 3, name: '张三', phone: '023-68881234' }).phone).toBe('023-68881234');
  });

  it('accepts the good meeting and rule set the bad rows are built from, and takes a blank time as none', () => {
    expect(parseInput('meetings.create', goodMeeting)).toMatchObject({ ...goodMeeting, session: null, venue: null });
    expect(parseInput('meetings.update', { ...goodMeeting, id: 1, startTime: '', endTime: null })).toMatchObject({
      id: 1,
      startTime: null,
      endTime: null,
    });
    expect(parseInput('meetings.create', { ...goodMeeting, kind: 'street_council', quarter: undefined })).toMatchObject(
      { quarter: null },
    );
    expect(parseInput('ruleSets.update', { id: 6, name: '本镇季会规则', rules: goodRules }).rules).toEqual(goodRules);
    expect(
      parseInput('attendance.mark', { meetingId: 1, membershipId: 2, status: 'leave', reason: '因病请假' }),
    ).toMatchObject({ reason: '因病请假' });
    expect(parseInput('votes.enterCounts', { id: 1, yes: 0, no: 0, abstain: 0 })).toEqual({
      id: 1,
      yes: 0,
      no: 0,
      abstain: 0,
    });
    expect(parseInput('meetings.open', { id: 1, overrideReason: '  ' })).toEqual({ id: 1, overrideReason: null });
  });

  it('names nested fields in Chinese', () => {
    expect(labelOfPath(['phone'])).toBe('联系电话');
    expect(labelOfPath(['items', 0, 'name'])).toBe('items › 第1项 › 姓名');
  });

  it('knows its own method names', () => {
    expect(isMethodName('members.create')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('members.drop')).toBe(false);
    for (const name of methodNames) expect(api[name].summary).toMatch(CJK);
  });
});

describe('blank optional fields and per-method labels', () => {
  it('takes an empty phone or date as "not given"', () => {
    const v = parseInput('members.create', { bodyId: 1, name: '张三', phone: '', since: '', until: ' ' });
    expect(v).toMatchObject({ phone: null, since: null, until: null });
  });
  it("calls a body's name 名称, not 姓名", () => {
    expect(() => parseInput('bodies.create', { kind: 'district_congress', name: '区' })).toThrow('“名称”');
  });
});
