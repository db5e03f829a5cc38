import { Injectable } from '@nestjs/common';
import type { EditSession } from '@tolk/contracts';
import type pg from 'pg';
import { QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { Repo, type Tx } from '../database/transactions.js';
import { memoIdOf } from './live-key.js';
import type { PendingUpdate } from './update-log-writer.js';

/** The tables one kind of live document keeps its text in (names are constants, never input). */
interface LogTables {
  /** Merged state per document. */
  states: string;
  /** The update log. */
  updates: string;
  /** The column naming the document in both. */
  key: string;
  /** The document's own table and its plain-text column. */
  owner: string;
  text: string;
  /** The owner's column naming who changed it last, kept with the text (memos). */
  editor?: string;
  /** Prefix of the prepared append statements. */
  prepared: string;
}

const TRANSCRIPT_LOG: LogTables = {
  states: 'document_states',
  updates: 'document_updates',
  key: 'document_id',
  owner: 'documents',
  text: 'text',
  prepared: 'tolk-append',
};
const MEMO_LOG: LogTables = {
  states: 'memo_states',
  updates: 'memo_updates',
  key: 'memo_id',
  owner: 'memos',
  text: 'body',
  editor: 'updated_by',
  prepared: 'tolk-append-memo',
};

/** Where a live document's text is kept, by its key (live-key.ts), and its id there. */
function logOf(key: string): { log: LogTables; id: string } {
  const memoId = memoIdOf(key);
  return memoId === undefined ? { log: TRANSCRIPT_LOG, id: key } : { log: MEMO_LOG, id: memoId };
}

/** A document's merged state and the log rows after it, as stored. */
export interface StoredTranscript {
  state: Uint8Array;
  updates: Uint8Array[];
}

/** A row whose document was deleted meanwhile (PostgreSQL 23503), from TypeORM or pg directly. */
export const isForeignKeyViolation = (error: unknown) => {
  const code =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string }).code
      : (error as { code?: string })?.code;
  return code === '23503';
};

/** A pooled connection a writer lane keeps for itself. */
interface KeptConnection {
  client: pg.PoolClient;
  /** Given back to the pool: never use or release it again. */
  broken: boolean;
}

/** Batches up to this many rows use a prepared statement each. */
const PREPARED_BATCH_SIZES = 8;

/**
 * Every query of the live text's tables: `document_states` (a merged Yjs
 * state per document), `document_updates` (the update log after it) and the
 * plain-text copy in `documents.text`; for memos (keys `memo:<id>`) the same
 * in `memo_states`, `memo_updates` and `memos.body`. Bytes in, bytes out:
 * merging updates is the caller's business.
 */
@Injectable()
export class UpdateLogRepository extends Repo {
  /** Each writer lane's kept connection. */
  private readonly kept: (Promise<KeptConnection> | undefined)[] = [];

  /** The initial state of a new document, inside the caller's transaction. */
  async createState(documentId: string, state: Uint8Array, tx: Tx): Promise<void> {
    const { log, id } = logOf(documentId);
    await tx.query(`INSERT INTO ${log.states} (${log.key}, state, last_update_id) VALUES ($1, $2, 0)`, [
      id,
      Buffer.from(state),
    ]);
  }

  /**
   * Merged state plus newer updates, or undefined when the document does
   * not exist. A document from before the update log gets its state made
   * from its text by `initialState`, once; ON CONFLICT lets a concurrent
   * loader's state win.
   */
  async read(
    documentId: string,
    initialState: (text: string) => Uint8Array,
    tx?: Tx,
  ): Promise<StoredTranscript | undefined> {
    const manager = this.manager(tx);
    const { log, id } = logOf(documentId);
    const readState = async () =>
      (
        await manager.query<{ state: Buffer; last_update_id: string }[]>(
          `SELECT state, last_update_id FROM ${log.states} WHERE ${log.key} = $1`,
          [id],
        )
      ).at(0);
    let state = await readState();
    if (!state) {
      const owner = (
        await manager.query<{ text: string }[]>(`SELECT ${log.text} AS text FROM ${log.owner} WHERE id = $1`, [id])
      ).at(0);
      if (!owner) return undefined;
      await manager.query(
        `INSERT INTO ${log.states} (${log.key}, state, last_update_id) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [id, Buffer.from(initialState(owner.text))],
      );
      state = await readState();
      if (!state) throw new Error(`no merged state for ${documentId}`);
    }
    const rows: { update: Buffer }[] = await manager.query(
      `SELECT "update" FROM ${log.updates} WHERE ${log.key} = $1 AND id > $2 ORDER BY id`,
      [id, state.last_update_id],
    );
    return { state: state.state, updates: rows.map((r) => r.update) };
  }

  /**
   * Folds the rows after the merged state (up to `horizon`, when given) into
   * it with `merge`, in one transaction that holds the state row. The log
   * rows stay: they are the edit history.
   */
  async compact(
    documentId: string,
    horizon: string | null,
    merge: (state: Uint8Array, updates: Uint8Array[]) => Uint8Array,
  ): Promise<void> {
    const { log, id } = logOf(documentId);
    await this.dataSource.transaction(async (manager) => {
      const [state] = await manager.query(
        `SELECT state, last_update_id FROM ${log.states} WHERE ${log.key} = $1 FOR UPDATE`,
        [id],
      );
      if (!state) return;
      const rows: { id: string; update: Buffer }[] = await manager.query(
        `SELECT id, "update" FROM ${log.updates}
          WHERE ${log.key} = $1 AND id > $2 AND ($3::bigint IS NULL OR id <= $3::bigint) ORDER BY id`,
        [id, state.last_update_id, horizon],
      );
      if (rows.length === 0) return;
      const merged = merge(
        state.state as Buffer,
        rows.map((r) => r.update),
      );
      await manager.query(
        `UPDATE ${log.states} SET state = $2, last_update_id = $3, updated_at = now() WHERE ${log.key} = $1`,
        [id, Buffer.from(merged), rows[rows.length - 1].id],
      );
    });
  }

  /**
   * The document's largest update id below which no insert is still in
   * flight. A SHARE lock on the log waits for every open insert (they hold
   * ROW EXCLUSIVE from the moment their ids are drawn) and is let go at once.
   */
  async committedHorizon(documentId: string): Promise<string | null> {
    const { log, id } = logOf(documentId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE ${log.updates} IN SHARE MODE`);
      const [row] = await manager.query(`SELECT max(id)::text AS id FROM ${log.updates} WHERE ${log.key} = $1`, [id]);
      return (row?.id as string | null) ?? null;
    });
  }

  /**
   * Per document (keys of one kind), its latest live edit and who made it
   * (documents never edited live are absent), keyed as asked.
   */
  async lastEdits(documentIds: string[]): Promise<Map<string, { at: Date; userId: string | null }>> {
    if (documentIds.length === 0) return new Map();
    const { log } = logOf(documentIds[0]);
    const keyOf = new Map(documentIds.map((key) => [logOf(key).id, key]));
    const rows = await this.dataSource.query<{ key_id: string; user_id: string | null; created_at: Date }[]>(
      `SELECT DISTINCT ON (${log.key}) ${log.key} AS key_id, user_id, created_at
         FROM ${log.updates} WHERE ${log.key} = ANY($1)
        ORDER BY ${log.key}, id DESC`,
      [[...keyOf.keys()]],
    );
    return new Map(
      rows.map((r) => [keyOf.get(r.key_id) ?? r.key_id, { at: new Date(r.created_at), userId: r.user_id }]),
    );
  }

  /**
   * The edit history: runs of updates by one person without a pause of more
   * than five minutes, newest first (at most `limit`), in one query.
   */
  async editSessions(documentId: string, limit = 200): Promise<EditSession[]> {
    const { log, id } = logOf(documentId);
    const rows: { user_id: string | null; name: string | null; from: Date; to: Date; updates: number }[] =
      await this.dataSource.query(
        `WITH marked AS (
           SELECT id, user_id, created_at,
                  CASE WHEN lag(user_id) OVER w IS DISTINCT FROM user_id
                         OR created_at - lag(created_at) OVER w > interval '5 minutes'
                       THEN 1 ELSE 0 END AS starts
             FROM ${log.updates} WHERE ${log.key} = $1
           WINDOW w AS (ORDER BY id)
         ), sessions AS (
           SELECT *, sum(starts) OVER (ORDER BY id) AS session FROM marked
         )
         SELECT s.user_id, u.name, min(s.created_at) AS "from", max(s.created_at) AS "to", count(*)::int AS updates
           FROM sessions s LEFT JOIN users u ON u.id = s.user_id
          GROUP BY s.session, s.user_id, u.name
          ORDER BY min(s.id) DESC
          LIMIT $2`,
        [id, limit],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      from: new Date(r.from).toISOString(),
      to: new Date(r.to).toISOString(),
      updates: r.updates,
    }));
  }

  /** Keeps `documents.text` (lengths in lists, search) in step with the live text. */
  async saveText(documentId: string, text: string): Promise<void> {
    const { log, id } = logOf(documentId);
    // Unchanged text is not written: no new row version, no search index work (a trigger re-indexes changed text).
    const editor = log.editor
      ? `, ${log.editor} = coalesce((SELECT user_id FROM ${log.updates} WHERE ${log.key} = $1 ORDER BY id DESC LIMIT 1), ${log.editor})`
      : '';
    await this.dataSource.query(
      `UPDATE ${log.owner} SET ${log.text} = $2, updated_at = now()${editor} WHERE id = $1 AND ${log.text} IS DISTINCT FROM $2`,
      [id, text],
    );
  }

  /**
   * Appends a batch in one statement on a connection kept for the writer
   * lane: no pool round trip per commit, and prepared statements for the
   * common small batches (the hot path of every live edit). Resolves with
   * how long the statement took (ms).
   */
  async insertBatch(batch: PendingUpdate[], lane: number): Promise<number> {
    const values: unknown[] = [];
    // Transcripts' and memos' rows of one batch go in one statement (one commit).
    const inserts = [TRANSCRIPT_LOG, MEMO_LOG].flatMap((log) => {
      const rows = batch.flatMap((u) => {
        const where = logOf(u.documentId);
        if (where.log !== log) return [];
        values.push(where.id, Buffer.from(u.update), u.userId);
        const n = values.length;
        return [`($${n - 2}, $${n - 1}, $${n})`];
      });
      return rows.length === 0
        ? []
        : [{ log, sql: `INSERT INTO ${log.updates} (${log.key}, "update", user_id) VALUES ${rows.join(', ')}` }];
    });
    const text = inserts.length === 1 ? inserts[0].sql : `WITH memo_rows AS (${inserts[1].sql}) ${inserts[0].sql}`;
    const name =
      inserts.length === 1 && batch.length <= PREPARED_BATCH_SIZES
        ? `${inserts[0].log.prepared}-${batch.length}`
        : undefined;
    const kept = await this.keptConnection(lane);
    const started = performance.now();
    try {
      await kept.client.query(name ? { name, text, values } : { text, values });
      return performance.now() - started;
    } catch (error) {
      // The connection may be broken: give it back as such and take a new one next time.
      if (!isForeignKeyViolation(error)) this.giveBack(kept, error instanceof Error ? error : true);
      throw error;
    }
  }

  /** Gives the writer lanes' connections back to the pool (at shutdown, once nothing is in flight). */
  async releaseKept(): Promise<void> {
    for (const pending of this.kept.splice(0)) {
      const kept = await pending?.catch(() => undefined);
      if (kept) this.giveBack(kept);
    }
  }

  /** The lane's kept connection, connecting (again) when there is none or it broke. */
  private async keptConnection(lane: number): Promise<KeptConnection> {
    for (;;) {
      const pending = (this.kept[lane] ??= this.connectKept());
      let kept: KeptConnection;
      try {
        kept = await pending;
      } catch (error) {
        this.kept[lane] = undefined;
        throw error;
      }
      if (!kept.broken) return kept;
      if (this.kept[lane] === pending) this.kept[lane] = undefined;
    }
  }

  private async connectKept(): Promise<KeptConnection> {
    const client = await ((this.dataSource.driver as PostgresDriver).master as pg.Pool).connect();
    // A kept connection that breaks while idle (the database restarts, the
    // network drops) says so with an 'error' event, which nobody else
    // listens to on a checked-out client: unheard, it would end the process.
    const kept: KeptConnection = { client, broken: false };
    client.on('error', (error: Error) => this.giveBack(kept, error));
    return kept;
  }

  /**
   * Returns a kept connection to the pool, once: as broken after an error
   * (the next batch connects anew), or as healthy at shutdown.
   */
  private giveBack(kept: KeptConnection, error?: Error | true): void {
    // Our error listener stays on the client (a client without one would end
    // the process on its next error); once given back, it does nothing.
    if (kept.broken) return;
    kept.broken = true;
    kept.client.release(error);
  }
}
