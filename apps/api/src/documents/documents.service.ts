import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DocumentAttributes, DocumentSummary, EditSession, ImportedSpeaker, TolkDocument } from '@tolk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { DomainEvents } from '../platform/domain-events.js';
import { type Permission, type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import { DocumentEntity } from './document.entity.js';
import { utf16LengthSql } from './text-length-sql.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import { TranscriptStore } from './transcript-store.js';
import { UpdateLogRepository } from './update-log.repository.js';
import type { UpdateDocumentDto } from './dto/document.dto.js';
import { normaliseTranscriptText } from './transcript-text.js';

export interface NewDocument {
  title: string;
  text: string;
  attributes?: DocumentAttributes;
  speakers?: ImportedSpeaker[];
}

const toSummary = (d: DocumentEntity): DocumentSummary => ({
  id: d.id,
  title: d.title,
  length: d.text.length,
  attributes: d.attributes,
});

const toDocument = (d: DocumentEntity): TolkDocument => ({
  ...toSummary(d),
  projectId: d.projectId,
  text: d.text,
  speakers: d.speakers,
});

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly transcripts: TranscriptStore,
    private readonly live: LiveDocuments,
    private readonly updateLog: UpdateLogRepository,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, projectId: string, input: NewDocument): Promise<DocumentSummary> {
    const text = normaliseTranscriptText(input.text);
    const document = await this.dataSource.transaction(async (manager) => {
      await this.access.require(actor, projectId, 'manageDocuments', manager);
      return toSummary(await this.insert(manager, actor, projectId, { ...input, text }));
    });
    this.events.emit('document.created', { projectId, document });
    return document;
  }

  /**
   * Stores a document and its live state inside the caller's transaction,
   * after the caller checked access and normalised the text. `state` is a
   * Yjs update holding exactly `text`, for a caller that anchored segments
   * in it already (an import); otherwise a fresh one is made.
   */
  async insert(
    manager: EntityManager,
    actor: Actor,
    projectId: string,
    input: NewDocument,
    state?: Uint8Array,
  ): Promise<DocumentEntity> {
    const saved = await manager.save(
      manager.create(DocumentEntity, {
        projectId,
        title: input.title,
        text: input.text,
        attributes: input.attributes ?? {},
        speakers: input.speakers ?? [],
        createdBy: actor.userId,
      }),
    );
    await this.transcripts.createState(manager, saved.id, input.text, state);
    return saved;
  }

  async list(actor: Actor, projectId: string): Promise<DocumentSummary[]> {
    await this.access.require(actor, projectId, 'read');
    // Lengths are computed in SQL: listing must not ship every transcript's text.
    const rows = await this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select(['d.id AS id', 'd.title AS title', 'd.attributes AS attributes'])
      .addSelect(utf16LengthSql('d.text'), 'length')
      .where('d.project_id = :projectId', { projectId })
      .orderBy('d.title', 'ASC')
      .addOrderBy('d.created_at', 'ASC')
      .getRawMany<{ id: string; title: string; attributes: DocumentAttributes; length: string | number }>();
    return rows.map((r) => ({ id: r.id, title: r.title, length: Number(r.length), attributes: r.attributes }));
  }

  /** The document with its text as it is now, live edits included. */
  async get(actor: Actor, documentId: string): Promise<TolkDocument> {
    const document = await this.load(actor, documentId, 'read');
    const text = (await this.live.currentText(document.id)) ?? document.text;
    return { ...toDocument(document), text, length: text.length };
  }

  /** Who edited the text when, newest first, from the update log. */
  async history(actor: Actor, documentId: string): Promise<EditSession[]> {
    const document = await this.load(actor, documentId, 'read');
    return this.updateLog.editSessions(document.id);
  }

  async update(actor: Actor, documentId: string, dto: UpdateDocumentDto): Promise<DocumentSummary> {
    const { projectId, summary } = await this.dataSource.transaction(async (manager) => {
      const document = await this.load(actor, documentId, 'manageDocuments', manager);
      if (dto.title !== undefined) document.title = dto.title;
      if (dto.attributes !== undefined) document.attributes = dto.attributes;
      return { projectId: document.projectId, summary: toSummary(await manager.save(document)) };
    });
    this.events.emit('document.updated', { projectId, document: summary });
    return summary;
  }

  async remove(actor: Actor, documentId: string): Promise<void> {
    const projectId = await this.dataSource.transaction(async (manager) => {
      const document = await this.load(actor, documentId, 'deleteDocuments', manager);
      // Its update log and state go with it (ON DELETE CASCADE).
      await manager.delete(DocumentEntity, { id: document.id });
      return document.projectId;
    });
    this.events.emit('document.deleted', { projectId, documentId });
  }

  /** A document the caller may act on, with their access; a foreign or missing one is a 404 alike. */
  async loadFor(
    actor: Actor,
    documentId: string,
    permission: Permission,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ document: DocumentEntity; access: ProjectAccess }> {
    const document = isUuid(documentId)
      ? await manager.findOneBy(DocumentEntity, { id: documentId.toLowerCase() })
      : null;
    const access = document ? await this.access.find(actor, document.projectId, manager) : undefined;
    if (!document || !access) throw notFound('Document');
    this.access.check(access, permission);
    return { document, access };
  }

  private async load(
    actor: Actor,
    documentId: string,
    permission: Permission,
    manager?: EntityManager,
  ): Promise<DocumentEntity> {
    return (await this.loadFor(actor, documentId, permission, manager)).document;
  }
}
