import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Code, CodebookImportResult, ImportSkipped, ImportSummary, ProjectImportResult } from '@tolk/contracts';
import { type PlannedCode, type PlannedDocument, shortenedCodeNames, skip } from '@tolk/refi-qda';
import { CodebookService } from '../codebook/codebook.service.js';
import { CodesRepository } from '../codebook/codes.repository.js';
import { CodingsService } from '../codings/codings.service.js';
import { CommentsRepository } from '../comments/comments.repository.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import { normaliseTranscriptText } from '../documents/transcript-text.js';
import { MemosRepository } from '../memos/memos.repository.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { anchoredText } from './anchored-text.js';
import { UntrustedParser } from '../parsing/untrusted-parser.js';

/**
 * REFI-QDA imports. A project file becomes a new project owned by the
 * caller, in one transaction: documents with live text, the code tree,
 * codings (proper coding rows with 'created' events and anchors, made by
 * the importing user; the file's coder names are in the summary),
 * comments and memos from its notes, attributes. Nothing is written when
 * anything fails. A codebook file adds codes to an existing project.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: ProjectAccessService,
    private readonly projects: ProjectsService,
    private readonly codebook: CodebookService,
    private readonly codes: CodesRepository,
    private readonly documents: DocumentsService,
    private readonly codings: CodingsService,
    private readonly events: DomainEvents,
    private readonly parser: UntrustedParser,
    private readonly comments: CommentsRepository,
    private readonly memos: MemosRepository,
  ) {}

  async importProject(actor: Actor, bytes: Buffer): Promise<ProjectImportResult> {
    // Unpacked, parsed and planned in a worker thread (the file is untrusted).
    const plan = await this.parser.run({ kind: 'refi-project', bytes });
    const projectId = await this.transactions.run(async (manager) => {
      const project = await this.projects.insert(manager, actor, {
        name: plan.name,
        description: plan.description.slice(0, 5000),
      });
      const codeIds = new Map<string, string>();
      for (const planned of plan.codes) {
        const code = await this.codebook.insert(manager, actor, project.id, this.codeInput(planned, codeIds));
        codeIds.set(planned.key, code.id);
        if (planned.memo) await this.memo(manager, actor, project.id, { codeId: code.id }, planned.memo);
      }
      for (const document of plan.documents) await this.createDocument(manager, actor, project.id, document, codeIds);
      if (plan.projectMemo) await this.memo(manager, actor, project.id, {}, plan.projectMemo);
      return project.id;
    });
    return { projectId, summary: plan.summary };
  }

  /**
   * Adds a codebook file's codes to a project. A code already there (the
   * same id, or the same name under the same parent: ATLAS.ti mints new
   * ids on every export) is kept as it is and listed as skipped.
   */
  async importCodebook(actor: Actor, projectId: string, bytes: Buffer): Promise<CodebookImportResult> {
    // Access first: a file from someone who may not add codes is not even read.
    await this.access.require(actor, projectId, 'manageCodebook');
    const book = await this.parser.run({ kind: 'refi-codebook', bytes });
    const planned = book.codes;
    const skipped: ImportSkipped[] = shortenedCodeNames(planned);
    const created = await this.transactions.run(async (manager) => {
      await this.access.require(actor, projectId, 'manageCodebook', manager);
      const existing = await this.codes.active(projectId, manager);
      const codeIds = new Map<string, string>();
      const added: Code[] = [];
      for (const code of planned) {
        const parentId = code.parentKey ? (codeIds.get(code.parentKey) ?? null) : null;
        const match =
          existing.find((e) => e.id === code.guid) ??
          existing.find((e) => e.parentId === parentId && e.name.toLowerCase() === code.name.toLowerCase());
        if (match) {
          codeIds.set(code.key, match.id);
          skipped.push(skip('code', code.name, 'code_exists'));
          continue;
        }
        const saved = await this.codebook.insert(manager, actor, projectId, this.codeInput(code, codeIds));
        codeIds.set(code.key, saved.id);
        added.push(saved);
      }
      return added;
    });
    for (const code of created) this.events.emit('code.created', { projectId, code });
    for (const set of book.sets) skipped.push(skip('set', set.name, 'code_set'));
    const summary: ImportSummary = {
      sources: 0,
      codes: created.length,
      codings: 0,
      notes: 0,
      attributes: 0,
      skipped,
      offsetUnit: null,
      offsetCheck: { named: 0, matched: 0 },
      coders: [],
      origin: book.origin,
    };
    return { summary };
  }

  private codeInput(code: PlannedCode, codeIds: Map<string, string>) {
    return {
      name: code.name,
      color: code.color,
      description: code.description.slice(0, 5000),
      parentId: code.parentKey ? (codeIds.get(code.parentKey) ?? null) : null,
    };
  }

  private async createDocument(
    manager: Tx,
    actor: Actor,
    projectId: string,
    planned: PlannedDocument,
    codeIds: Map<string, string>,
  ): Promise<void> {
    const text = normaliseTranscriptText(planned.text);
    const anchoredComments = planned.comments.filter((c) => c.start !== null && c.end !== null);
    const ranges = [
      ...planned.codings,
      ...anchoredComments.map((c) => ({ start: c.start!, end: c.end! })),
      ...planned.segmentMemos,
    ];
    const { state, placements } = anchoredText(text, ranges);
    const document = await this.documents.insert(
      manager,
      actor,
      projectId,
      { title: planned.title, text, attributes: planned.attributes },
      state,
    );

    for (const [i, coding] of planned.codings.entries()) {
      const codeId = codeIds.get(coding.codeKey)!;
      await this.codings.insert(manager, actor, {
        projectId,
        documentId: document.id,
        codeId,
        placement: placements[i],
      });
    }
    const commentPlacements = placements.slice(planned.codings.length);
    let anchored = 0;
    for (const comment of planned.comments) {
      const placement = comment.start !== null ? commentPlacements[anchored++] : undefined;
      let parentId: string | null = null;
      for (const body of comment.bodies) {
        const saved = await this.comments.insert(
          {
            projectId,
            documentId: document.id,
            parentId,
            body,
            // A reply has no anchor of its own.
            startAnchor: parentId ? null : (placement?.startAnchor ?? null),
            endAnchor: parentId ? null : (placement?.endAnchor ?? null),
            quote: parentId ? null : (placement?.quote ?? null),
            mentions: [],
            authorId: actor.userId,
          },
          manager,
        );
        parentId ??= saved.id;
      }
    }
    if (planned.memo) await this.memo(manager, actor, projectId, { documentId: document.id }, planned.memo);
    const memoPlacements = commentPlacements.slice(anchoredComments.length);
    for (const [i, memo] of planned.segmentMemos.entries()) {
      const placement = memoPlacements[i];
      const id = randomUUID();
      await this.memos.insertWritten(
        {
          id,
          projectId,
          target: `segment:${id}`,
          documentId: document.id,
          codeId: null,
          body: memo.body,
          startAnchor: placement.startAnchor,
          endAnchor: placement.endAnchor,
          quote: placement.quote,
          updatedBy: actor.userId,
        },
        manager,
      );
    }
  }

  private async memo(
    manager: Tx,
    actor: Actor,
    projectId: string,
    about: { documentId?: string; codeId?: string },
    body: string,
  ): Promise<void> {
    const target = about.documentId
      ? `document:${about.documentId}`
      : about.codeId
        ? `code:${about.codeId}`
        : 'project';
    await this.memos.insertWritten(
      {
        projectId,
        target,
        documentId: about.documentId ?? null,
        codeId: about.codeId ?? null,
        body,
        updatedBy: actor.userId,
      },
      manager,
    );
  }
}
