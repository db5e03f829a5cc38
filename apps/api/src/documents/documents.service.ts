import { Injectable } from '@nestjs/common';
import {
  type DocumentAttributes,
  type DocumentSummary,
  type EditSession,
  type ImportedSpeaker,
  type TextLine,
  textLines,
  type TextTimestamp,
  textTimestamps,
  type TolkDocument,
} from '@tolk/contracts';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { DomainEvents } from '../platform/domain-events.js';
import { type Permission, type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import type { DocumentEntity } from './document.entity.js';
import { textOf } from './yjs-text.js';
import { DocumentsRepository, toDocument, toDocumentSummary as toSummary } from './documents.repository.js';
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

/** What citing a segment of a transcript needs: its lines and its time marks. */
export interface TextCitations {
  lines: TextLine[];
  timestamps: TextTimestamp[];
}

@Injectable()
export class DocumentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly access: ProjectAccessService,
    private readonly transcripts: TranscriptStore,
    private readonly live: LiveDocuments,
    private readonly updateLog: UpdateLogRepository,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, projectId: string, input: NewDocument): Promise<DocumentSummary> {
    const text = normaliseTranscriptText(input.text);
    const document = await this.transactions.run(async (tx) => {
      await this.access.require(actor, projectId, 'manageDocuments', tx);
      return toSummary(await this.insert(tx, actor, projectId, { ...input, text }));
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
    tx: Tx,
    actor: Actor,
    projectId: string,
    input: NewDocument,
    state?: Uint8Array,
  ): Promise<DocumentEntity> {
    const saved = await this.documents.insert(
      {
        projectId,
        title: input.title,
        text: input.text,
        attributes: input.attributes,
        speakers: input.speakers,
        createdBy: actor.userId,
      },
      tx,
    );
    await this.transcripts.createState(tx, saved.id, input.text, state);
    return saved;
  }

  async list(actor: Actor, projectId: string): Promise<DocumentSummary[]> {
    await this.access.require(actor, projectId, 'read');
    return this.documents.summaries(projectId);
  }

  /** The document with its text as it is now, live edits included. */
  async get(actor: Actor, documentId: string): Promise<TolkDocument> {
    const document = await this.load(actor, documentId, 'read');
    const text = (await this.live.currentText(document.id)) ?? document.text;
    return toDocument(document, text);
  }

  /**
   * The lines and time marks of these documents, for citing segments in them
   * (the caller checked access): from the live text where this instance
   * holds the document open, else from the stored text (kept current as
   * people type, a moment behind at most; one query for all of them).
   */
  async citationsOf(documentIds: readonly string[]): Promise<Map<string, TextCitations>> {
    const texts = await this.textsOf(documentIds);
    return new Map([...texts].map(([id, text]) => [id, { lines: textLines(text), timestamps: textTimestamps(text) }]));
  }

  /** The current texts of these documents, by the same rule as `citationsOf` (the caller checked access). */
  async textsOf(documentIds: readonly string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    const stored: string[] = [];
    for (const id of new Set(documentIds)) {
      const doc = this.live.liveDoc(id);
      if (doc) texts.set(id, textOf(doc));
      else stored.push(id);
    }
    for (const { id, text } of await this.documents.texts(stored)) texts.set(id, text);
    return texts;
  }

  /** The lines of these documents (citationsOf without the time marks). */
  async linesOf(documentIds: readonly string[]): Promise<Map<string, TextLine[]>> {
    const cited = await this.citationsOf(documentIds);
    return new Map([...cited].map(([id, { lines }]) => [id, lines]));
  }

  /** Who edited the text when, newest first, from the update log. */
  async history(actor: Actor, documentId: string): Promise<EditSession[]> {
    const document = await this.load(actor, documentId, 'read');
    return this.updateLog.editSessions(document.id);
  }

  async update(actor: Actor, documentId: string, dto: UpdateDocumentDto): Promise<DocumentSummary> {
    const { projectId, summary } = await this.transactions.run(async (tx) => {
      const document = await this.load(actor, documentId, 'manageDocuments', tx);
      if (dto.title !== undefined) document.title = dto.title;
      if (dto.attributes !== undefined) document.attributes = dto.attributes;
      return { projectId: document.projectId, summary: toSummary(await this.documents.save(document, tx)) };
    });
    this.events.emit('document.updated', { projectId, document: summary });
    return summary;
  }

  async remove(actor: Actor, documentId: string): Promise<void> {
    const projectId = await this.transactions.run(async (tx) => {
      const document = await this.load(actor, documentId, 'deleteDocuments', tx);
      // Its update log and state go with it (ON DELETE CASCADE).
      await this.documents.delete(document.id, tx);
      return document.projectId;
    });
    this.events.emit('document.deleted', { projectId, documentId });
  }

  /** A document the caller may act on, with their access; a foreign or missing one is a 404 alike. */
  async loadFor(
    actor: Actor,
    documentId: string,
    permission: Permission,
    tx?: Tx,
  ): Promise<{ document: DocumentEntity; access: ProjectAccess }> {
    const document = isUuid(documentId) ? await this.documents.findById(documentId, tx) : null;
    const access = document ? await this.access.find(actor, document.projectId, tx) : undefined;
    if (!document || !access) throw notFound('Document');
    this.access.check(access, permission);
    return { document, access };
  }

  private async load(actor: Actor, documentId: string, permission: Permission, tx?: Tx): Promise<DocumentEntity> {
    return (await this.loadFor(actor, documentId, permission, tx)).document;
  }
}
