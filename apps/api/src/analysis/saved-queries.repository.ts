import { Injectable } from '@nestjs/common';
import type { CodingQueryRequest, SavedQuery } from '@tolk/contracts';
import { QueryFailedError } from 'typeorm';
import { person } from '../codebook/codes.repository.js';
import { Repo, type Tx } from '../database/transactions.js';
import { SavedQueryEntity } from './saved-query.entity.js';

interface SavedQueryRow {
  id: string;
  project_id: string;
  name: string;
  query: CodingQueryRequest;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

const toSavedQuery = (r: SavedQueryRow): SavedQuery => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  query: r.query,
  createdBy: person(r.created_by_id, r.created_by_name),
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const SELECT = `SELECT q.*, u.name AS created_by_name FROM saved_queries q LEFT JOIN users u ON u.id = q.created_by_id`;

/** A unique index refused the row: the project has a query of that name (a race past `nameTaken`). */
const nameTaken = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** Every query of `saved_queries`. */
@Injectable()
export class SavedQueriesRepository extends Repo {
  /** A project's saved queries by name. */
  async list(projectId: string, tx?: Tx): Promise<SavedQuery[]> {
    const rows = await this.manager(tx).query<SavedQueryRow[]>(
      `${SELECT} WHERE q.project_id = $1 ORDER BY lower(q.name), q.name, q.id`,
      [projectId],
    );
    return rows.map(toSavedQuery);
  }

  /** One saved query as answered, or null. */
  async read(id: string, tx?: Tx): Promise<SavedQuery | null> {
    const rows = await this.manager(tx).query<SavedQueryRow[]>(`${SELECT} WHERE q.id = $1`, [id]);
    return rows.length > 0 ? toSavedQuery(rows[0]) : null;
  }

  /** Whether another saved query of the project (not `exceptId`) has this name. */
  async nameTaken(projectId: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = await this.manager().query<unknown[]>(
      `SELECT 1 FROM saved_queries WHERE project_id = $1 AND name = $2 AND id IS DISTINCT FROM $3 LIMIT 1`,
      [projectId, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  /** The new query's id, or null when the project has a query of that name. */
  async insert(row: Pick<SavedQueryEntity, 'projectId' | 'name' | 'query' | 'createdById'>): Promise<string | null> {
    try {
      const saved = await this.manager().save(this.manager().create(SavedQueryEntity, row));
      return saved.id;
    } catch (error) {
      if (nameTaken(error)) return null;
      throw error;
    }
  }

  /** False when another query of the project has that name. */
  async update(id: string, change: Partial<Pick<SavedQueryEntity, 'name' | 'query'>>): Promise<boolean> {
    try {
      await this.manager().update(SavedQueryEntity, { id }, change);
      return true;
    } catch (error) {
      if (nameTaken(error)) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.manager().delete(SavedQueryEntity, { id });
  }
}
