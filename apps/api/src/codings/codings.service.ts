import { Injectable } from '@nestjs/common';
import { canSeeCoding, type Coding, type CodingVersion, seesOnlyOwnCodings } from '@tolk/contracts';
import { CodebookService } from '../codebook/codebook.service.js';
import { type Tx, Transactions } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import type { Actor } from '../platform/actor.js';
import { conflict, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, ProjectAccessService } from '../projects/project-access.service.js';
import { CodingPositions } from './coding-positions.service.js';
import { toCoding } from './coding.js';
import type { CodingAction } from './coding-event.entity.js';
import type { CodingEntity } from './coding.entity.js';
import { CodingsRepository } from './codings.repository.js';
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
    private readonly transactions: Transactions,
    private readonly codings: CodingsRepository,
    private readonly access: ProjectAccessService,
    private readonly codebook: CodebookService,
    private readonly anchors: SegmentAnchors,
    private readonly documents: DocumentsService,
    private readonly events: DomainEvents,
    private readonly positions: CodingPositions,
  ) {}

  async create(actor: Actor, documentId: string, dto: CreateCodingDto): Promise<Coding> {
    const { projectId, coding } = await this.transactions.run(async (tx) => {
      const { document } = await this.documents.loadFor(actor, documentId, 'code', tx);
      const code = await this.codebook.activeCodeIn(tx, document.projectId, dto.codeId, 'codeId');
      const placement = await this.anchors.place(document.id, dto);
      const saved = await this.insert(tx, actor, {
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
    tx: Tx,
    actor: Actor,
    at: { projectId: string; documentId: string; codeId: string; placement: Placement },
  ): Promise<CodingEntity> {
    const [saved] = await this.codings.insert(
      [
        {
          projectId: at.projectId,
          documentId: at.documentId,
          codeId: at.codeId,
          startAnchor: at.placement.startAnchor,
          endAnchor: at.placement.endAnchor,
          start: at.placement.start,
          end: at.placement.end,
          quote: at.placement.quote,
          createdBy: actor.userId,
        },
      ],
      tx,
    );
    await this.codings.recordVersions([saved], 'created', actor.userId, tx);
    return saved;
  }

  /** Current codings of a document, resolved against the text as it is now. */
  async list(actor: Actor, documentId: string): Promise<Coding[]> {
    const { document, access } = await this.documents.loadFor(actor, documentId, 'read');
    await this.positions.current([document.id]);
    const codings = await this.codings.current(
      document.id,
      seesOnlyOwnCodings(access.role, access.project.settings) ? actor.userId : undefined,
    );
    return codings.map(toCoding);
  }

  async update(actor: Actor, codingId: string, dto: UpdateCodingDto): Promise<Coding> {
    if (resizes(dto)) {
      // Compare the new offsets with current ones. Before the transaction: a
      // refresh waits for row locks, and this transaction is about to hold one.
      const documentId = isUuid(codingId) ? await this.codings.documentOf(codingId.toLowerCase()) : undefined;
      if (documentId) await this.positions.current([documentId]);
    }
    const { projectId, coding } = await this.transactions.run(async (tx) => {
      const entity = await this.loadCoding(actor, codingId, 'code', tx);
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
        entity.codeId = (await this.codebook.activeCodeIn(tx, entity.projectId, dto.codeId, 'codeId')).id;
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
      for (const action of actions) await this.newVersion([entity], action, actor, tx);
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
    const coding = await this.loadCoding(actor, codingId, 'read');
    return this.codings.history(coding.id);
  }

  /**
   * Moves (merge) or removes (forced delete) the codings of a code being
   * retired, as new versions attributed to the actor. Without `force`, a
   * delete of a code in use is refused.
   */
  async onCodeRetired(
    tx: Tx,
    actor: Actor,
    codeId: string,
    target: { id: string } | undefined,
    force: boolean,
  ): Promise<Coding[]> {
    const codings = await this.codings.lockCurrentOfCode(codeId, tx);
    if (!target && codings.length > 0 && !force) {
      throw conflict(
        'code_in_use',
        `${codings.length} coding(s) use this code: merge it into another code, or delete with ?force=true`,
        { codings: codings.length },
      );
    }
    const now = new Date();
    for (const coding of codings) {
      if (target) coding.codeId = target.id;
      else coding.deletedAt = now;
    }
    return this.newVersion(codings, target ? 'recoded' : 'deleted', actor, tx);
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
    tx: Tx,
    actor: Actor,
    projectId: string,
    codeId: string,
    segments: readonly (Placement & { documentId: string })[],
  ): Promise<Coding[]> {
    if (segments.length === 0) return [];
    const saved = await this.codings.insert(
      segments.map((segment) => ({
        projectId,
        codeId,
        documentId: segment.documentId,
        startAnchor: segment.startAnchor,
        endAnchor: segment.endAnchor,
        start: segment.start,
        end: segment.end,
        quote: segment.quote,
        createdBy: actor.userId,
      })),
      tx,
    );
    await this.codings.recordVersions(saved, 'created', actor.userId, tx);
    return saved.map(toCoding);
  }

  /**
   * Deletes these codings (those not deleted yet) as `deleted` events by the
   * actor, inside the caller's transaction; the caller emits `coding.deleted`.
   */
  async deleteInBulk(tx: Tx, actor: Actor, codingIds: readonly string[]): Promise<Coding[]> {
    if (codingIds.length === 0) return [];
    const codings = await this.codings.lockCurrentByIds(codingIds, tx);
    const now = new Date();
    for (const coding of codings) coding.deletedAt = now;
    return this.newVersion(codings, 'deleted', actor, tx);
  }

  /**
   * Stores a change made to a coding on a person's behalf by another part of
   * the server (a snapshot restore) as a new version, inside its transaction.
   * The caller emits the events after the commit.
   */
  async saveVersion(tx: Tx, coding: CodingEntity, action: CodingAction, actor: Actor): Promise<Coding> {
    const [saved] = await this.newVersion([coding], action, actor, tx);
    return saved;
  }

  /** Re-resolves every coding of a document against its current text now (after a server-side edit of the text). */
  async refresh(documentId: string): Promise<void> {
    await this.positions.refreshNow(documentId);
  }

  private async setDeleted(actor: Actor, codingId: string, deleted: boolean): Promise<Coding> {
    const { projectId, coding } = await this.transactions.run(async (tx) => {
      const entity = await this.loadCoding(actor, codingId, 'code', tx);
      if (Boolean(entity.deletedAt) === deleted) return { projectId: entity.projectId, coding: toCoding(entity) };
      entity.deletedAt = deleted ? new Date() : null;
      const [coding] = await this.newVersion([entity], deleted ? 'deleted' : 'restored', actor, tx);
      return { projectId: entity.projectId, coding };
    });
    this.events.emit(deleted ? 'coding.deleted' : 'coding.updated', { projectId, coding });
    return coding;
  }

  /** Raises each coding's version and stores it with a `coding_events` row for that version, by the actor. */
  private async newVersion(codings: CodingEntity[], action: CodingAction, actor: Actor, tx: Tx): Promise<Coding[]> {
    for (const coding of codings) coding.version += 1;
    await this.codings.save(codings, tx);
    await this.codings.recordVersions(codings, action, actor.userId, tx);
    return codings.map(toCoding);
  }

  /** A coding the caller may see (blind coding hides others' as if missing). */
  private async loadCoding(actor: Actor, codingId: string, permission: Permission, tx?: Tx): Promise<CodingEntity> {
    // Inside a transaction the row is locked, so concurrent changes queue and the version check holds.
    const id = isUuid(codingId) ? codingId.toLowerCase() : undefined;
    const coding = id === undefined ? null : tx ? await this.codings.lockById(id, tx) : await this.codings.findById(id);
    const access = coding ? await this.access.find(actor, coding.projectId, tx) : undefined;
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
