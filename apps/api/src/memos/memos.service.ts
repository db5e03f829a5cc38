import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreateSegmentMemoRequest, Locale, Memo, MemoHistory, MemoScope, MemoSummary } from '@tolk/contracts';
import type * as Y from 'yjs';
import { memoKey } from '../documents/live-key.js';
import { SegmentAnchors } from '../documents/segment-anchors.service.js';
import { UpdateLogRepository } from '../documents/update-log.repository.js';
import { CONTENT } from '../documents/yjs-text.js';
import type { Actor } from '../platform/actor.js';
import { conflict, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, ProjectAccessService } from '../projects/project-access.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import { exportFileName } from '../analysis/exports/exports.service.js';
import type { ExportFile } from '../analysis/exports/send-file.js';
import { translate } from '../platform/i18n/translate.js';
import type { MemoEntity } from './memo.entity.js';
import { memosDocx } from './memos-docx.js';
import { authorship, memoVersion, replaceText } from './memo-text.js';
import { type MemoPlace, MemosRepository, type NamedMemo } from './memos.repository.js';

/** A memo as a route names it: by what it is about, or by its own id. */
export type MemoSubject = { kind: 'project' | 'document' | 'code' | 'memo'; id: string };

const WHAT: Record<MemoSubject['kind'], string> = {
  project: 'Project',
  document: 'Document',
  code: 'Code',
  memo: 'Memo',
};

/** Segment memos are listed by their words, cut to this length. */
const TITLE_LENGTH = 80;

/**
 * Memos: Markdown about the project, each document, each code and segments
 * of documents, read by every member and written by everyone but viewers
 * (`editMemos`). The text is a live Yjs document on the same path as a
 * transcript (`/collab/memo:<id>`, LiveDocuments): a REST write is one more
 * editor's change in that document, refused when the memo changed since the
 * version the writer read, so nobody's words are overwritten unseen.
 */
@Injectable()
export class MemosService {
  constructor(
    private readonly memos: MemosRepository,
    private readonly access: ProjectAccessService,
    private readonly live: LiveDocuments,
    private readonly anchors: SegmentAnchors,
    private readonly updateLog: UpdateLogRepository,
  ) {}

  async get(actor: Actor, subject: MemoSubject): Promise<Memo> {
    const memo = await this.find(actor, subject, 'read');
    return this.toMemo(memo);
  }

  async put(actor: Actor, subject: MemoSubject, body: string, version: string | undefined): Promise<Memo> {
    const memo = await this.find(actor, subject, 'editMemos');
    await this.live.edit(memoKey(memo.id), memo.projectId, actor.userId, (text) => {
      const current = memoVersion(text.doc!);
      if (version !== undefined && current !== version) {
        throw conflict('memo_changed', 'Someone changed the memo since that version; reload and try again', {
          version: current,
        });
      }
      replaceText(text, body);
    });
    return this.toMemo(memo);
  }

  async list(actor: Actor, projectId: string): Promise<MemoSummary[]> {
    if (!isUuid(projectId)) throw notFound('Project');
    await this.access.require(actor, projectId, 'read');
    return (await this.summaries(projectId.toLowerCase())).map((s) => s.summary);
  }

  /** Every memo of the project with its text now, as one Word file in the reader's language. */
  async docx(actor: Actor, projectId: string, locale: Locale): Promise<ExportFile> {
    if (!isUuid(projectId)) throw notFound('Project');
    const { project } = await this.access.require(actor, projectId, 'read');
    const asOf = new Date().toISOString();
    const memos = [];
    for (const { summary, named } of await this.summaries(project.id)) {
      const body = (await this.live.currentText(memoKey(summary.id))) ?? named.memo.body;
      memos.push({
        scope: summary.scope,
        subject: named.subject,
        quote: named.memo.quote,
        body,
        updatedAt: summary.updatedAt,
        updatedBy: summary.updatedBy?.name ?? null,
      });
    }
    return {
      baseName: exportFileName(project.name, translate(locale, 'memos.file'), asOf),
      body: await memosDocx(project, memos, asOf, locale),
    };
  }

  /** The project's memos as listed (project's first, then transcripts', codes', segments', each by title). */
  private async summaries(projectId: string): Promise<{ summary: MemoSummary; named: NamedMemo }[]> {
    const named = await this.memos.ofProject(projectId);
    const edits = await this.updateLog.lastEdits(named.map((n) => memoKey(n.memo.id)));
    const editors = await this.memos.names([
      ...new Set([...edits.values()].flatMap((e) => (e.userId ? [e.userId] : []))),
    ]);
    const order: MemoScope[] = ['project', 'document', 'code', 'segment'];
    return named
      .map((n) => {
        const edit = edits.get(memoKey(n.memo.id));
        const summary = this.summary(
          n,
          edit
            ? { at: edit.at, userId: edit.userId, name: edit.userId ? (editors.get(edit.userId) ?? null) : null }
            : undefined,
        );
        return { summary, named: n };
      })
      .sort(
        (a, b) =>
          order.indexOf(a.summary.scope) - order.indexOf(b.summary.scope) ||
          a.summary.title.localeCompare(b.summary.title),
      );
  }

  async createSegmentMemo(actor: Actor, documentId: string, where: CreateSegmentMemoRequest): Promise<Memo> {
    if (!isUuid(documentId)) throw notFound('Document');
    const place = await this.placeOf(actor, { kind: 'document', id: documentId }, 'editMemos');
    const placement = await this.anchors.place(place.documentId!, where);
    const id = randomUUID();
    const memo = await this.memos.insert({
      ...place,
      id,
      target: `segment:${id}`,
      startAnchor: placement.startAnchor,
      endAnchor: placement.endAnchor,
      quote: placement.quote,
    });
    return this.toMemo(memo);
  }

  async delete(actor: Actor, memoId: string): Promise<void> {
    const memo = await this.find(actor, { kind: 'memo', id: memoId }, 'editMemos');
    await this.memos.delete(memo.id);
  }

  async history(actor: Actor, memoId: string): Promise<MemoHistory> {
    const memo = await this.find(actor, { kind: 'memo', id: memoId }, 'read');
    const key = memoKey(memo.id);
    const sessions = await this.updateLog.editSessions(key);
    const log = await this.memos.log(memo.id);
    const runs = (await this.live.withDoc(key, (doc) => authorship(doc.getText(CONTENT), log, memo.updatedBy))) ?? [];
    const names = await this.memos.names([...new Set(runs.flatMap((r) => (r.userId ? [r.userId] : [])))]);
    return {
      sessions,
      authors: runs.map((r) => ({
        userId: r.userId,
        name: r.userId ? (names.get(r.userId) ?? null) : null,
        text: r.text,
      })),
    };
  }

  /** The memo, made if it is a project's, document's or code's that nobody opened yet; after checking the caller's right. */
  private async find(actor: Actor, subject: MemoSubject, permission: Permission): Promise<MemoEntity> {
    if (subject.kind !== 'memo') return this.memos.ensure(await this.placeOf(actor, subject, permission));
    const memo = isUuid(subject.id) ? await this.memos.findById(subject.id.toLowerCase()) : null;
    const access = memo ? await this.access.find(actor, memo.projectId) : undefined;
    if (!memo || !access) throw notFound('Memo');
    this.access.check(access, permission);
    return memo;
  }

  /** Where the memo of a project, document or code belongs; 404 alike for foreign and missing. */
  private async placeOf(actor: Actor, subject: MemoSubject, permission: Permission): Promise<MemoPlace> {
    const what = WHAT[subject.kind];
    if (!isUuid(subject.id)) throw notFound(what);
    const id = subject.id.toLowerCase();
    let place: MemoPlace | undefined;
    if (subject.kind === 'project') {
      place = { projectId: id, target: 'project', documentId: null, codeId: null };
    } else if (subject.kind === 'document') {
      const projectId = await this.memos.documentProject(id);
      if (projectId) place = { projectId, target: `document:${id}`, documentId: id, codeId: null };
    } else if (subject.kind === 'code') {
      const projectId = await this.memos.activeCodeProject(id);
      if (projectId) place = { projectId, target: `code:${id}`, documentId: null, codeId: id };
    }
    const access = place ? await this.access.find(actor, place.projectId) : undefined;
    if (!place || !access) throw notFound(what);
    this.access.check(access, permission);
    return place;
  }

  /** The memo with its live text and version, and a segment's place resolved now. */
  private async toMemo(memo: MemoEntity): Promise<Memo> {
    const key = memoKey(memo.id);
    const now = await this.live.withDoc(key, (doc: Y.Doc) => ({
      body: doc.getText(CONTENT).toString(),
      version: memoVersion(doc),
    }));
    if (!now) throw notFound('Memo');
    const named = (await this.memos.ofProject(memo.projectId, memo.id)).at(0);
    if (!named) throw notFound('Memo');
    const edits = await this.updateLog.lastEdits([key]);
    const edit = edits.get(key);
    const editorName = edit?.userId ? ((await this.memos.names([edit.userId])).get(edit.userId) ?? null) : null;
    let segment: Memo['segment'] = null;
    if (memo.documentId && memo.startAnchor && memo.endAnchor) {
      const anchor = { startAnchor: memo.startAnchor, endAnchor: memo.endAnchor };
      const resolved = (await this.anchors.resolve(memo.documentId, [anchor]))?.at(0);
      segment =
        resolved?.status === 'ok'
          ? { start: resolved.start, end: resolved.end, quote: resolved.quote, ...anchor }
          : { start: 0, end: 0, quote: memo.quote ?? '', ...anchor };
    }
    return {
      ...this.summary(named, edit ? { at: edit.at, userId: edit.userId, name: editorName } : undefined),
      body: now.body,
      version: now.version,
      segment,
    };
  }

  private summary(
    { memo, subject, editorName }: NamedMemo,
    edit: { at: Date; userId: string | null; name: string | null } | undefined,
  ): MemoSummary {
    const scope: MemoScope = memo.target.startsWith('segment:')
      ? 'segment'
      : memo.documentId
        ? 'document'
        : memo.codeId
          ? 'code'
          : 'project';
    const quote = (memo.quote ?? '').replace(/\s+/g, ' ').trim();
    const title =
      scope === 'segment' ? (quote.length > TITLE_LENGTH ? `${quote.slice(0, TITLE_LENGTH - 1)}…` : quote) : subject;
    // Memos written before they were live have no log: their row says who and when.
    const updated = edit
      ? { at: edit.at.toISOString(), by: edit.userId || edit.name ? { id: edit.userId, name: edit.name } : null }
      : memo.updatedBy
        ? { at: memo.updatedAt.toISOString(), by: { id: memo.updatedBy, name: editorName } }
        : null;
    return {
      id: memo.id,
      scope,
      targetId: memo.documentId ?? memo.codeId ?? memo.projectId,
      title,
      updatedAt: updated?.at ?? null,
      updatedBy: updated?.by ?? null,
      format: 'markdown',
    };
  }
}
