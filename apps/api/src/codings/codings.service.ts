import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeCoding, type Coding, type CodingVersion, seesOnlyOwnCodings } from '@tolk/contracts';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { CodebookService } from '../codebook/codebook.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import type { Actor } from '../platform/actor.js';
import { conflict, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, ProjectAccessService } from '../projects/project-access.service.js';
import { CodingPositions } from './coding-positions.service.js';
import { toCoding } from './coding.js';
import { type CodingAction, CodingEventEntity } from './coding-event.entity.js';
import { CodingEntity } from './coding.entity.js';
import type { CreateCodingDto, UpdateCodingDto } from './dto/coding.dto.js';

/**
 * Code assignments. A coding is anchored to the live text by two Yjs
 * relative positions; its offsets and quote are kept current by
 * CodingPositions (after changes, and before every read). Every change a
 * person makes is a new version in `coding_events`; `codings` holds the
 * latest, for fast reads.
 */
@Injectable()
export class CodingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly codebook: CodebookService,
    private readonly anchors: SegmentAnchors,
    private readonly documents: DocumentsService,
    private readonly events: DomainEvents,
    private readonly positions: CodingPositions,
  ) {}

  async create(actor: Actor, documentId: string, dto: CreateCodingDto): Promise<Coding> {
    const { projectId, coding } = await this.dataSource.transaction(async (manager) => {
      const { document } = await this.documents.loadFor(actor, documentId, 'code', manager);
      const code = await this.codebook.activeCodeIn(manager, document.projectId, dto.codeId, 'codeId');
      const placement = await this.anchors.place(document.id, dto);
      const saved = await this.insert(manager, actor, {
        projectId: document.projectId,
        documentId: document.id,
        codeId: code.id,
        placement,
      });
      return { projectId: document.projectId, coding: toCoding(saved) };
    });
    this.events.emit('coding.created', { projectId, coding });
    return coding;
  }

  /**
   * Stores a new coding and its 'created' event inside the caller's
   * transaction, once the caller has checked access, the code and the
   * placement (an import stores many in one). Emits nothing.
   */
  async insert(
    manager: EntityManager,
    actor: Actor,
    at: { projectId: string; documentId: string; codeId: string; placement: Placement },
  ): Promise<CodingEntity> {
    const saved = await manager.save(
      manager.create(CodingEntity, {
        projectId: at.projectId,
        documentId: at.documentId,
        codeId: at.codeId,
        ...at.placement,
        textDeleted: false,
        version: 1,
        createdBy: actor.userId,
      }),
    );
    await this.record(manager, saved, 'created', actor);
    return saved;
  }

  /** Current codings of a document, resolved against the text as it is now. */
  async list(actor: Actor, documentId: string): Promise<Coding[]> {
    const { document, access } = await this.documents.loadFor(actor, documentId, 'read');
    await this.positions.current([document.id]);
    const codings = await this.dataSource.getRepository(CodingEntity).find({
      where: {
        documentId: document.id,
        deletedAt: IsNull(),
        ...(seesOnlyOwnCodings(access.role, access.project.settings) ? { createdBy: actor.userId } : {}),
      },
      order: { start: 'ASC', end: 'ASC', createdAt: 'ASC' },
    });
    return codings.map(toCoding);
  }

  async update(actor: Actor, codingId: string, dto: UpdateCodingDto): Promise<Coding> {
    if (resizes(dto)) {
      // Compare the new offsets with current ones. Before the transaction: a
      // refresh waits for row locks, and this transaction is about to hold one.
      const documentId = isUuid(codingId) ? await this.documentOf(codingId.toLowerCase()) : undefined;
      if (documentId) await this.positions.current([documentId]);
    }
    const { projectId, coding } = await this.dataSource.transaction(async (manager) => {
      const entity = await this.loadCoding(manager, actor, codingId, 'code');
      if (entity.deletedAt) throw notFound('Coding');
      if (dto.version !== entity.version) {
        throw conflict(
          'stale_version',
          `Someone changed this coding first (now version ${entity.version}); reload and try again`,
          { version: entity.version },
        );
      }
      const actions: CodingAction[] = [];
      if (dto.codeId !== undefined && dto.codeId.toLowerCase() !== entity.codeId) {
        entity.codeId = (await this.codebook.activeCodeIn(manager, entity.projectId, dto.codeId, 'codeId')).id;
        actions.push('recoded');
      }
      if (resizes(dto)) {
        // Placed against the text as it is now, one way for offsets and anchors alike.
        const placement = await this.anchors.place(
          entity.documentId,
          dto.startAnchor !== undefined
            ? { startAnchor: dto.startAnchor, endAnchor: dto.endAnchor }
            : { start: dto.start ?? entity.start, end: dto.end ?? entity.end },
        );
        if (placement.start !== entity.start || placement.end !== entity.end || entity.textDeleted) {
          Object.assign(entity, placement, { textDeleted: false });
          actions.push('resized');
        }
      }
      for (const action of actions) {
        entity.version += 1;
        await manager.save(entity);
        await this.record(manager, entity, action, actor);
      }
      return { projectId: entity.projectId, coding: toCoding(entity) };
    });
    this.events.emit('coding.updated', { projectId, coding });
    return coding;
  }

  async remove(actor: Actor, codingId: string): Promise<void> {
    await this.setDeleted(actor, codingId, true);
  }

  async restore(actor: Actor, codingId: string): Promise<Coding> {
    return this.setDeleted(actor, codingId, false);
  }

  /** Every version, oldest first, with who made it. */
  async history(actor: Actor, codingId: string): Promise<CodingVersion[]> {
    const coding = await this.loadCoding(this.dataSource.manager, actor, codingId, 'read');
    const rows: (CodingEventEntity & { actor_name: string | null })[] = await this.dataSource.query(
      `SELECT e.version, e.action, e.code_id AS "codeId", e.start, e."end", e.quote, e.actor_id AS "actorId", e.at, u.name AS actor_name
         FROM coding_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.coding_id = $1 ORDER BY e.version`,
      [coding.id],
    );
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      codeId: r.codeId,
      start: r.start,
      end: r.end,
      quote: r.quote,
      actor: { id: r.actorId, name: r.actor_name },
      at: new Date(r.at).toISOString(),
    }));
  }

  /**
   * Moves (merge) or removes (forced delete) the codings of a code being
   * retired, as new versions attributed to the actor. Without `force`, a
   * delete of a code in use is refused.
   */
  async onCodeRetired(
    manager: EntityManager,
    actor: Actor,
    codeId: string,
    target: { id: string } | undefined,
    force: boolean,
  ): Promise<Coding[]> {
    const codings = await manager.find(CodingEntity, {
      where: { codeId, deletedAt: IsNull() },
      // Row locks in id order, as a position refresh takes them.
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!target && codings.length > 0 && !force) {
      throw conflict(
        'code_in_use',
        `${codings.length} coding(s) use this code: merge it into another code, or delete with ?force=true`,
        { codings: codings.length },
      );
    }
    for (const coding of codings) {
      coding.version += 1;
      if (target) coding.codeId = target.id;
      else coding.deletedAt = new Date();
      await manager.save(coding);
      await this.record(manager, coding, target ? 'recoded' : 'deleted', actor);
    }
    return codings.map(toCoding);
  }

  /** Brings the stored offsets and quotes of these documents' codings up to date where their text changed. */
  async refreshPending(documentIds: readonly string[]): Promise<void> {
    await this.positions.current(documentIds);
  }

  /**
   * Many new codings of one code at once, inside the caller's transaction
   * (e.g. "code all hits"): a `created` event each, all attributed to the
   * actor. The caller has checked access and the code, and emits
   * `coding.created` for each after its commit.
   */
  async createInBulk(
    manager: EntityManager,
    actor: Actor,
    projectId: string,
    codeId: string,
    segments: readonly (Placement & { documentId: string })[],
  ): Promise<Coding[]> {
    if (segments.length === 0) return [];
    const rows = segments.map((segment) =>
      manager.create(CodingEntity, {
        projectId,
        codeId,
        ...segment,
        textDeleted: false,
        version: 1,
        createdBy: actor.userId,
      }),
    );
    const saved = await manager.save(rows, { chunk: 500 });
    await this.recordAll(manager, saved, 'created', actor);
    return saved.map(toCoding);
  }

  /**
   * Deletes these codings (those not deleted yet) as `deleted` events by the
   * actor, inside the caller's transaction; the caller emits `coding.deleted`.
   */
  async deleteInBulk(manager: EntityManager, actor: Actor, codingIds: readonly string[]): Promise<Coding[]> {
    if (codingIds.length === 0) return [];
    const codings = await manager.find(CodingEntity, {
      where: { id: In([...codingIds]), deletedAt: IsNull() },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const now = new Date();
    for (const coding of codings) {
      coding.deletedAt = now;
      coding.version += 1;
    }
    await manager.save(codings, { chunk: 500 });
    await this.recordAll(manager, codings, 'deleted', actor);
    return codings.map(toCoding);
  }

  /**
   * Stores a change made to a coding on a person's behalf by another part of
   * the server (a snapshot restore) as a new version, inside its transaction.
   * The caller emits the events after the commit.
   */
  async saveVersion(manager: EntityManager, coding: CodingEntity, action: CodingAction, actor: Actor): Promise<Coding> {
    coding.version += 1;
    await manager.save(coding);
    await this.record(manager, coding, action, actor);
    return toCoding(coding);
  }

  /** Re-resolves every coding of a document against its current text now (after a server-side edit of the text). */
  async refresh(documentId: string): Promise<void> {
    await this.positions.refreshNow(documentId);
  }

  private async documentOf(codingId: string): Promise<string | undefined> {
    const coding = await this.dataSource
      .getRepository(CodingEntity)
      .findOne({ where: { id: codingId }, select: { documentId: true } });
    return coding?.documentId;
  }

  private async setDeleted(actor: Actor, codingId: string, deleted: boolean): Promise<Coding> {
    const { projectId, coding } = await this.dataSource.transaction(async (manager) => {
      const entity = await this.loadCoding(manager, actor, codingId, 'code');
      if (Boolean(entity.deletedAt) === deleted) return { projectId: entity.projectId, coding: toCoding(entity) };
      entity.deletedAt = deleted ? new Date() : null;
      entity.version += 1;
      await manager.save(entity);
      await this.record(manager, entity, deleted ? 'deleted' : 'restored', actor);
      return { projectId: entity.projectId, coding: toCoding(entity) };
    });
    this.events.emit(deleted ? 'coding.deleted' : 'coding.updated', { projectId, coding });
    return coding;
  }

  private async record(
    manager: EntityManager,
    coding: CodingEntity,
    action: CodingAction,
    actor: Actor,
  ): Promise<void> {
    await this.recordAll(manager, [coding], action, actor);
  }

  /** One event per coding, in one statement. */
  private async recordAll(
    manager: EntityManager,
    codings: readonly CodingEntity[],
    action: CodingAction,
    actor: Actor,
  ): Promise<void> {
    if (codings.length === 0) return;
    await manager.insert(
      CodingEventEntity,
      codings.map((coding) => ({
        codingId: coding.id,
        projectId: coding.projectId,
        documentId: coding.documentId,
        version: coding.version,
        action,
        codeId: coding.codeId,
        startAnchor: coding.startAnchor,
        endAnchor: coding.endAnchor,
        start: coding.start,
        end: coding.end,
        quote: coding.quote,
        actorId: actor.userId,
      })),
    );
  }

  /** A coding the caller may see (blind coding hides others' as if missing). */
  private async loadCoding(
    manager: EntityManager,
    actor: Actor,
    codingId: string,
    permission: Permission,
  ): Promise<CodingEntity> {
    // Inside a transaction the row is locked, so concurrent changes queue and the version check holds.
    const lock = manager.queryRunner?.isTransactionActive ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const coding = isUuid(codingId)
      ? await manager.findOne(CodingEntity, { where: { id: codingId.toLowerCase() }, ...lock })
      : null;
    const access = coding ? await this.access.find(actor, coding.projectId, manager) : undefined;
    if (
      !coding ||
      !access ||
      !canSeeCoding({ userId: actor.userId, role: access.role }, coding, access.project.settings)
    )
      throw notFound('Coding');
    this.access.check(access, permission);
    return coding;
  }
}

/** A change of the coding's extent: new offsets or new anchors. */
function resizes(dto: UpdateCodingDto): boolean {
  return dto.start !== undefined || dto.end !== undefined || dto.startAnchor !== undefined;
}
