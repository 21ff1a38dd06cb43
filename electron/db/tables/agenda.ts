import type { AgendaDocument, AgendaItem } from '../../../shared/contract';
import type { Db } from '../open';
import { statement } from '../statements';

/**
 * A meeting's agenda: agenda_items, the documents attached to each (agenda_documents) and the projects an item
 * hears (agenda_item_projects, which the project services fill). One row type and mapper per table, here alone.
 */

interface AgendaRow {
  id: number;
  meeting_id: number;
  position: number;
  kind: AgendaItem['kind'];
  title: string;
  notes: string | null;
}
interface DocRow {
  id: number;
  item_id: number;
  file_name: string;
  stored_name: string;
  size: number;
  sha256: string;
  added_at: string;
}

const toDocument = (d: DocRow): AgendaDocument => ({
  id: d.id,
  itemId: d.item_id,
  fileName: d.file_name,
  size: d.size,
  sha256: d.sha256,
  addedAt: d.added_at,
});

export interface NewAgendaItem {
  meetingId: number;
  position: number;
  kind: AgendaItem['kind'];
  title: string;
  notes: string | null;
}
export interface NewAgendaDocument {
  itemId: number;
  fileName: string;
  storedName: string;
  size: number;
  sha256: string;
  at: string;
}

export function agendaTables(db: Db) {
  const documentsOf = (itemId: number): AgendaDocument[] =>
    (statement(db, 'SELECT * FROM agenda_documents WHERE item_id = ? ORDER BY id').all(itemId) as DocRow[]).map(
      toDocument,
    );
  const toItem = (r: AgendaRow): AgendaItem => ({
    id: r.id,
    meetingId: r.meeting_id,
    position: r.position,
    kind: r.kind,
    title: r.title,
    notes: r.notes,
    documents: documentsOf(r.id),
  });
  const positionOf = (id: number) =>
    statement(db, 'SELECT position FROM agenda_items WHERE id = ?', 'pluck').get(id) as number;
  const setPosition = (id: number, position: number) =>
    void statement(db, 'UPDATE agenda_items SET position = ? WHERE id = ?').run(position, id);

  return {
    item(id: number): AgendaItem | undefined {
      const r = statement(db, 'SELECT * FROM agenda_items WHERE id = ?').get(id) as AgendaRow | undefined;
      return r && toItem(r);
    },
    /** In agenda order, each with its documents. */
    ofMeeting: (meetingId: number): AgendaItem[] =>
      (
        statement(db, 'SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position').all(meetingId) as AgendaRow[]
      ).map(toItem),
    /** A document with where its file is kept in the data folder. */
    document(id: number): (AgendaDocument & { storedName: string }) | undefined {
      const d = statement(db, 'SELECT * FROM agenda_documents WHERE id = ?').get(id) as DocRow | undefined;
      return d && { ...toDocument(d), storedName: d.stored_name };
    },
    nextPosition: (meetingId: number): number =>
      statement(db, 'SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?', 'pluck').get(
        meetingId,
      ) as number,
    insert: (it: NewAgendaItem): number =>
      Number(
        statement(db, 'INSERT INTO agenda_items (meeting_id, position, kind, title, notes) VALUES (?, ?, ?, ?, ?)').run(
          it.meetingId,
          it.position,
          it.kind,
          it.title,
          it.notes,
        ).lastInsertRowid,
      ),
    update: (id: number, it: Pick<AgendaItem, 'kind' | 'title' | 'notes'>) =>
      void statement(db, 'UPDATE agenda_items SET kind = ?, title = ?, notes = ? WHERE id = ?').run(
        it.kind,
        it.title,
        it.notes,
        id,
      ),
    /** Number a meeting's items 1, 2, 3… in their present order, closing any gap. */
    renumber(meetingId: number) {
      const ids = statement(db, 'SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id', 'pluck').all(
        meetingId,
      ) as number[];
      ids.forEach((id, i) => setPosition(id, i + 1));
    },
    /** Swap an item with its neighbour above (-1) or below (+1); nothing at the end of the list. */
    swap(meetingId: number, id: number, step: -1 | 1) {
      const pos = positionOf(id);
      const other = statement(db, 'SELECT id FROM agenda_items WHERE meeting_id = ? AND position = ?', 'pluck').get(
        meetingId,
        pos + step,
      ) as number | undefined;
      if (other) {
        setPosition(id, pos + step);
        setPosition(other, pos);
      }
    },
    /** The projects an item hears (agenda_item_projects). */
    heardProjects: (itemId: number): number[] =>
      statement(db, 'SELECT project_id FROM agenda_item_projects WHERE agenda_item_id = ?', 'pluck').all(
        itemId,
      ) as number[],
    /** Replace the projects an item hears. */
    setHeardProjects(itemId: number, projectIds: readonly number[]) {
      statement(db, 'DELETE FROM agenda_item_projects WHERE agenda_item_id = ?').run(itemId);
      const ins = statement(db, 'INSERT INTO agenda_item_projects (agenda_item_id, project_id) VALUES (?, ?)');
      for (const pid of projectIds) ins.run(itemId, pid);
    },
    /** An item with its documents' rows and the projects it hears; the projects themselves stay. */
    remove(itemId: number) {
      statement(db, 'DELETE FROM agenda_documents WHERE item_id = ?').run(itemId);
      statement(db, 'DELETE FROM agenda_item_projects WHERE agenda_item_id = ?').run(itemId);
      statement(db, 'DELETE FROM agenda_items WHERE id = ?').run(itemId);
    },
    insertDocument: (d: NewAgendaDocument): number =>
      Number(
        statement(
          db,
          'INSERT INTO agenda_documents (item_id, file_name, stored_name, size, sha256, added_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(d.itemId, d.fileName, d.storedName, d.size, d.sha256, d.at).lastInsertRowid,
      ),
  };
}
