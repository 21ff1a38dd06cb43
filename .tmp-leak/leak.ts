import Database from '/work/main/node_modules/better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime } from '/work/main/electron/services/runtime';
import { dispatch } from '/work/main/electron/services/dispatch';

function varint(b: Buffer, o: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const x = b[o + i]!;
    if (i === 8) return [v * 256 + x, o + 9];
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) return [v, o + i + 1];
  }
  return [v, o + 9];
}
function cells(file: string, root: number) {
  const buf = fs.readFileSync(file);
  const ps = buf.readUInt16BE(16);
  const page = buf.subarray((root - 1) * ps, root * ps);
  const h = root === 1 ? 100 : 0;
  const type = page[h]!;
  const n = page.readUInt16BE(h + 3);
  const out: { off: number; vals: unknown[] }[] = [];
  for (let i = 0; i < n; i++) {
    const off = page.readUInt16BE(h + 8 + 2 * i);
    let [, p] = varint(page, off); // payload size
    const start = p;
    let hs; [hs, p] = varint(page, p);
    const types: number[] = [];
    let q = p;
    while (q < start + hs) { let t; [t, q] = varint(page, q); types.push(t); }
    let d = start + hs; const vals: unknown[] = [];
    for (const t of types) {
      if (t === 1) { vals.push(page.readInt8(d)); d += 1; }
      else if (t >= 12 && t % 2 === 0) { const l = (t - 12) / 2; vals.push(page.subarray(d, d + l).toString('hex')); d += l; }
      else if (t >= 13) { const l = (t - 13) / 2; vals.push(page.subarray(d, d + l).toString()); d += l; }
      else if (t === 9) vals.push(1); else if (t === 8) vals.push(0); else { vals.push('?' + t); }
    }
    out.push({ off, vals });
  }
  return { type, out };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-'));
const rt = createRuntime(dir, { transport: 'http' });
const call = async (n: string, i: unknown) => { const r = await dispatch(rt.handlers, n, i, { actor: 't' }); if (!r.ok) throw new Error(n + JSON.stringify(r.error)); return r.data as any; };
(async () => {
  const body = await call('bodies.create', { kind: 'street_council', name: '观音桥街道议事代表会议', area: '观音桥街道' });
  const ids: number[] = [];
  const sur = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'], giv = [...'伟芳娜敏静丽强磊军洋'];
  for (let i = 0; i < 30; i++) ids.push((await call('members.create', { bodyId: body.id, name: sur[i % 20]! + giv[Math.floor(i / 20)]! + giv[i % 10]!, phone: `138${String(i).padStart(8, '0')}` })).membershipId);
  const rs = (await call('ruleSets.list', {})).find((r: any) => r.key === 'street_council');
  const m = await call('meetings.create', { bodyId: body.id, kind: 'street_council', ruleSetId: rs.id, title: '街道议事代表会议', date: '2025-03-01' });
  for (const id of ids) await call('attendance.mark', { meetingId: m.id, membershipId: id, status: 'present' });
  await call('meetings.open', { id: m.id });
  const item = await call('agenda.add', { meetingId: m.id, kind: 'motion', title: '某项决定' });
  const v = await call('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy: 'secret' });
  await call('votes.open', { id: v.id });
  const order = [...ids].sort(() => Math.random() - 0.5); // cast in a random order of voters
  const choiceOf = new Map<number, string>();
  order.forEach((id, i) => choiceOf.set(id, i % 3 === 0 ? 'abstain' : i % 2 ? 'yes' : 'no'));
  for (const id of order) await call('votes.cast', { id: v.id, membershipId: id, choice: choiceOf.get(id) });
  await call('votes.close', { id: v.id });
  rt.close();
  const file = path.join(dir, 'yishitai.sqlite');
  const db = new Database(file, { readonly: true });
  const rootOf = (t: string) => db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(t) as number;
  const ballots = cells(file, rootOf('vote_secret_ballots'));
  const voters = cells(file, rootOf('vote_voters'));
  db.close();
  console.log('page types', ballots.type, voters.type, 'cells', ballots.out.length, voters.out.length);
  // Physical order, highest offset first = first inserted.
  const bOrder = [...ballots.out].sort((a, b) => b.off - a.off).map((c) => c.vals[2]);
  const vOrder = [...voters.out].sort((a, b) => b.off - a.off).map((c) => c.vals[1] as number);
  const recovered = vOrder.map((mid, i) => [mid, bOrder[i]]);
  const correct = recovered.filter(([mid, ch]) => choiceOf.get(mid as number) === ch).length;
  console.log('voter order recovered == cast order:', JSON.stringify(vOrder) === JSON.stringify(order));
  console.log('choices linked to voters correctly:', correct, 'of', recovered.length);
  console.log('SELECT order equals cast order:', false);
})();
