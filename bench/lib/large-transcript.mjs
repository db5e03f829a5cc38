// A long interview with many overlapping codings, for bench:codings and
// bench:web: codings go straight into the tables (the api would take a while),
// anchored with the real anchors of the stored Yjs state.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { createAnchors, encodeAnchor } from '@tolk/anchoring';
import { random } from '../sync/lib.mjs';

/**
 * `count` overlapping codings of 40–640 characters, each with its `created`
 * event; codings take `codeIds` and `coders` in turn.
 * @param {import('pg').Pool | import('pg').Client} db
 * @param {{ documentId: string, projectId: string, codeIds: string[], coders: string[], count: number, seed?: number }} options
 */
export async function insertCodings(db, { documentId, projectId, codeIds, coders, count, seed = 11 }) {
  const { rows } = await db.query('SELECT state FROM document_states WHERE document_id = $1', [documentId]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, rows[0].state);
  const ytext = doc.getText('content');
  const text = ytext.toString();
  const rand = random(seed);
  const ranges = Array.from({ length: count }, () => {
    const start = Math.floor(rand() * (text.length - 700));
    /** @type {{ start: number, end: number, quote?: string }} */
    const range = { start, end: start + 40 + Math.floor(rand() * 600) };
    return range;
  });
  const anchors = createAnchors(ytext, ranges).map(encodeAnchor);
  doc.destroy();
  for (const r of ranges) r.quote = text.slice(r.start, r.end);
  const ids = ranges.map(() => randomUUID());
  for (let from = 0; from < ranges.length; from += 500) {
    const values = [];
    const tuples = ranges.slice(from, from + 500).map((r, j) => {
      const i = from + j;
      values.push(
        ids[i],
        projectId,
        documentId,
        codeIds[i % codeIds.length],
        anchors[i].startAnchor,
        anchors[i].endAnchor,
        r.start,
        r.end,
        r.quote,
        coders[i % coders.length],
      );
      const p = j * 10;
      return `($${p + 1}::uuid, $${p + 2}::uuid, $${p + 3}::uuid, $${p + 4}::uuid, $${p + 5}, $${p + 6}, $${p + 7}::int, $${p + 8}::int, $${p + 9}, $${p + 10}::uuid)`;
    });
    await db.query(
      `WITH inserted AS (
         INSERT INTO codings (id, project_id, document_id, code_id, start_anchor, end_anchor, start, "end", quote, created_by)
         VALUES ${tuples.join(', ')} RETURNING *)
       INSERT INTO coding_events (coding_id, project_id, document_id, version, action, code_id, start_anchor, end_anchor, start, "end", quote, actor_id)
       SELECT id, project_id, document_id, 1, 'created', code_id, start_anchor, end_anchor, start, "end", quote, created_by FROM inserted`,
      values,
    );
  }
  await db.query('ANALYZE codings');
  return { text, ranges, ids };
}
