import { Injectable } from '@nestjs/common';
import type { CodebookHistoryEntry } from '@tolk/contracts';
import { IsNull, Not } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { type CodeEventAction, CodeEventEntity } from './code-event.entity.js';
import { CodeEntity } from './code.entity.js';

/** The fields a new code is made with. */
export type NewCode = Pick<
  CodeEntity,
  'projectId' | 'name' | 'color' | 'description' | 'parentId' | 'shortcut' | 'whenToUse' | 'whenNotToUse'
>;

/** A current coding as a code's example needs it: its code, words and author. */
export interface ExampleCandidate {
  codeId: string;
  quote: string;
  createdBy: string | null;
}

/** One change of a code, as its history keeps it. */
export interface CodeEvent {
  code: CodeEntity;
  action: CodeEventAction;
  /** The code's version after the change. */
  version: number;
  /** What changed: `{ from, to }` of the fields involved, or the merge target. */
  data: Record<string, string | null>;
  actorId: string | null;
  proposedById: string | null;
  proposalId: string | null;
}

/** A person by id and name (null once the account is erased). */
export const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

interface HistoryRow {
  id: string;
  action: CodebookHistoryEntry['action'];
  code_id: string;
  code_name: string;
  version: number;
  data: Record<string, string | null>;
  actor_id: string | null;
  actor_name: string | null;
  proposed_by_id: string | null;
  proposed_by_name: string | null;
  proposal_id: string | null;
  at: Date;
}

/**
 * Every query of the codebook's tables (`codes`, `code_events`). Each method
 * runs inside the caller's transaction when given one (`tx`, last).
 */
@Injectable()
export class CodesRepository extends Repo {
  /** A project's codes in codebook order (creation, then name); retired ones only when asked. */
  list(projectId: string, includeRetired: boolean, tx?: Tx): Promise<CodeEntity[]> {
    return this.manager(tx).find(CodeEntity, {
      where: includeRetired ? { projectId } : { projectId, retiredAt: IsNull() },
      order: { createdAt: 'ASC', name: 'ASC' },
    });
  }

  /** A project's active codes in codebook order. */
  active(projectId: string, tx?: Tx): Promise<CodeEntity[]> {
    return this.list(projectId, false, tx);
  }

  /** The ids of a project's active codes in codebook order. */
  async activeIds(projectId: string, tx?: Tx): Promise<string[]> {
    const rows: { id: string }[] = await this.manager(tx).query(
      'SELECT id FROM codes WHERE project_id = $1 AND retired_at IS NULL ORDER BY created_at, name',
      [projectId],
    );
    return rows.map((r) => r.id);
  }

  /** A code by id, active or retired, or null. */
  findById(id: string, tx?: Tx): Promise<CodeEntity | null> {
    return this.manager(tx).findOneBy(CodeEntity, { id });
  }

  /** A code of this project by id (active or retired), or null. */
  findInProject(projectId: string, id: string, tx?: Tx): Promise<CodeEntity | null> {
    return this.manager(tx).findOneBy(CodeEntity, { id, projectId });
  }

  /** A code by id, locked for update until `tx` ends, or null. */
  lockById(id: string, tx: Tx): Promise<CodeEntity | null> {
    return tx.findOne(CodeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every code of a project (retired ones too), locked for update until `tx` ends. */
  lockAllInProject(projectId: string, tx: Tx): Promise<CodeEntity[]> {
    return tx.find(CodeEntity, { where: { projectId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The active sub-codes of a code. */
  activeChildren(parentId: string, tx?: Tx): Promise<CodeEntity[]> {
    return this.manager(tx).findBy(CodeEntity, { parentId, retiredAt: IsNull() });
  }

  /** The colours of a project's active codes (a new code takes one none of them has). */
  async activeColors(projectId: string, tx?: Tx): Promise<string[]> {
    const rows: { color: string }[] = await this.manager(tx).query(
      'SELECT color FROM codes WHERE project_id = $1 AND retired_at IS NULL',
      [projectId],
    );
    return rows.map((r) => r.color);
  }

  /** The shortcut keys the project's codes hold. */
  async takenShortcuts(projectId: string, tx?: Tx): Promise<string[]> {
    const rows: { shortcut: string }[] = await this.manager(tx).query(
      'SELECT shortcut FROM codes WHERE project_id = $1 AND shortcut IS NOT NULL',
      [projectId],
    );
    return rows.map((r) => r.shortcut);
  }

  /** The code of the project that holds this key, other than `exceptId`, or null. */
  shortcutHolder(projectId: string, shortcut: string, exceptId: string, tx?: Tx): Promise<CodeEntity | null> {
    return this.manager(tx).findOne(CodeEntity, { where: { projectId, shortcut, id: Not(exceptId) } });
  }

  /** Whether `candidateId` is `codeId` itself or one of its sub-codes, at any depth. */
  async isSelfOrDescendant(codeId: string, candidateId: string, tx?: Tx): Promise<boolean> {
    const [row] = await this.manager(tx).query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM codes WHERE id = $1
         UNION SELECT c.id, c.parent_id FROM codes c JOIN up ON c.id = up.parent_id
       ) SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS found`,
      [candidateId, codeId],
    );
    return Boolean(row?.found);
  }

  /** Whether an active code of the project under `parentId` (other than `exceptId`) has this name, case aside. */
  async nameTaken(
    place: { projectId: string; parentId: string | null; name: string; exceptId?: string },
    tx?: Tx,
  ): Promise<boolean> {
    const [row] = await this.manager(tx).query(
      `SELECT EXISTS (
         SELECT 1 FROM codes WHERE project_id = $1 AND parent_id IS NOT DISTINCT FROM $2
            AND lower(name) = lower($3) AND retired_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)
       ) AS found`,
      [place.projectId, place.parentId, place.name, place.exceptId ?? null],
    );
    return Boolean(row?.found);
  }

  /** A current (not removed) coding of the project, as a candidate for a code's example quote, or null. */
  async exampleCandidate(projectId: string, codingId: string, tx?: Tx): Promise<ExampleCandidate | null> {
    const rows: { code_id: string; quote: string; created_by: string | null }[] = await this.manager(tx).query(
      'SELECT code_id, quote, created_by FROM codings WHERE id = $1 AND project_id = $2 AND deleted_at IS NULL',
      [codingId, projectId],
    );
    return rows.length ? { codeId: rows[0].code_id, quote: rows[0].quote, createdBy: rows[0].created_by } : null;
  }

  /** Stores a new code at version 1. */
  insert(code: NewCode, tx?: Tx): Promise<CodeEntity> {
    const manager = this.manager(tx);
    return manager.save(manager.create(CodeEntity, { ...code, version: 1 }));
  }

  /** Stores a changed code as it is. */
  async save(code: CodeEntity, tx?: Tx): Promise<void> {
    await this.manager(tx).save(code);
  }

  /** Appends one change of a code to its history. */
  async recordEvent(event: CodeEvent, tx?: Tx): Promise<void> {
    await this.manager(tx).insert(CodeEventEntity, {
      projectId: event.code.projectId,
      codeId: event.code.id,
      action: event.action,
      version: event.version,
      data: event.data,
      actorId: event.actorId,
      proposedById: event.proposedById,
      proposalId: event.proposalId,
    });
  }

  /** Every change of the project's codebook, oldest first, with the names of who made and who proposed it. */
  async history(projectId: string, tx?: Tx): Promise<CodebookHistoryEntry[]> {
    const rows: HistoryRow[] = await this.manager(tx).query(
      `SELECT e.id, e.action, e.code_id, c.name AS code_name, e.version, e.data, e.actor_id, a.name AS actor_name,
              e.proposed_by_id, pb.name AS proposed_by_name, e.proposal_id, e.at
         FROM code_events e
         JOIN codes c ON c.id = e.code_id
         LEFT JOIN users a ON a.id = e.actor_id
         LEFT JOIN users pb ON pb.id = e.proposed_by_id
        WHERE e.project_id = $1
        ORDER BY e.at, e.id`,
      [projectId],
    );
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      codeId: r.code_id,
      codeName: r.code_name,
      version: r.version,
      data: r.data,
      actor: person(r.actor_id, r.actor_name),
      ...(r.proposal_id ? { proposedBy: person(r.proposed_by_id, r.proposed_by_name), proposalId: r.proposal_id } : {}),
      at: new Date(r.at).toISOString(),
    }));
  }
}
