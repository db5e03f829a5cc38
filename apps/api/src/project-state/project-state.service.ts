import { Injectable } from '@nestjs/common';
import {
  type ProjectState,
  type ProjectStateDocument,
  type ProjectStateMemo,
  seesOnlyOwnCodings,
} from '@tolk/contracts';
import type { ResolvedAnchor } from '@tolk/anchoring';
import { toCode } from '../codebook/code.js';
import { placementAfter, toCoding } from '../codings/coding.js';
import { CodingsService } from '../codings/codings.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { toComment } from '../comments/comment.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { SegmentAnchors } from '../documents/segment-anchors.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import type { ProjectAccess } from '../projects/project-access.service.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { ProjectAnnotations, type StoredComment, type StoredMemo } from './project-annotations.js';

/** Whose eyes the state is for: with blind coding on, a coder's state holds only their own codings. */
export interface StateViewer {
  actor: Actor;
  access: ProjectAccess;
}

/**
 * Loads a project's whole analysable content as it is now, in the
 * `ProjectState` shape that analysis and every export read. It does not
 * check access: callers do that first (ProjectAccessService) and pass the
 * viewer so blind coding is respected.
 */
@Injectable()
export class ProjectStateService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly documents: DocumentsRepository,
    private readonly transactions: Transactions,
    private readonly transcripts: LiveDocuments,
    private readonly anchors: SegmentAnchors,
    private readonly codings: CodingsService,
    private readonly annotations: ProjectAnnotations,
  ) {}

  async current(projectId: string, viewer?: StateViewer): Promise<ProjectState> {
    const documentIds = await this.documents.idsOf(projectId);
    // Offsets stored for codings lag a live edit by a moment: bring them up to date first.
    await this.codings.refreshPending(documentIds);
    // One snapshot of the database for every table read, so the parts agree with each other.
    const rows = await this.transactions.run((tx) => this.readRows(tx, projectId, viewer), 'REPEATABLE READ');
    const asOf = new Date().toISOString();
    const { documents, codings, comments, memoPlaces } = await this.resolveAgainstText(rows);
    const names = new Map(rows.users.map((u) => [u.id, u.name]));
    return {
      project: { id: rows.project.id, name: rows.project.name, description: rows.project.description },
      asOf,
      snapshot: null,
      users: rows.users,
      codes: rows.codes.map(toCode),
      documents,
      codings: codings.map(toCoding),
      comments: comments.map(({ comment, where }) => toComment(comment, names, where)),
      memos: rows.memos.map((m) => toStateMemo(m, projectId, names, memoPlaces.get(m.id))),
    };
  }

  private async readRows(tx: Tx, projectId: string, viewer: StateViewer | undefined) {
    const project = await this.projects.findById(projectId, tx);
    if (!project) throw notFound('Project');
    const codingsBy =
      viewer && seesOnlyOwnCodings(viewer.access.role, viewer.access.project.settings)
        ? viewer.actor.userId
        : undefined;
    // One after another: the queries share the transaction's connection.
    const documents = await this.documents.withText(projectId, tx);
    const { codes, codings, comments, memos, users } = await this.annotations.read(tx, projectId, codingsBy);
    return { project, documents, codes, codings, comments, memos, users };
  }

  /**
   * Each document's text with its segments placed in it. Stored coding
   * offsets are current for a document nobody has open; for an open one
   * (people may be typing) they are resolved from the anchors against the
   * same read of the live text. Comments and segment memos store no
   * offsets, so theirs are always resolved.
   */
  private async resolveAgainstText(rows: Rows) {
    const documents: ProjectStateDocument[] = [];
    const codings: Rows['codings'] = [];
    const comments: { comment: StoredComment; where?: ResolvedAnchor }[] = [];
    const memoPlaces = new Map<string, ResolvedAnchor>();
    for (const d of rows.documents) {
      const live = this.transcripts.liveDoc(d.id) !== undefined;
      const ownCodings = rows.codings.filter((c) => c.documentId === d.id);
      const ownComments = rows.comments.filter((c) => c.documentId === d.id);
      const anchoredComments = ownComments.filter((c) => c.startAnchor !== null && c.endAnchor !== null);
      const segmentMemos = anchoredMemos(rows.memos, d.id);
      const toPlace = [
        ...(live ? ownCodings : []),
        ...anchoredComments.map((c) => ({ startAnchor: c.startAnchor!, endAnchor: c.endAnchor! })),
        ...segmentMemos.map((m) => ({ startAnchor: m.startAnchor!, endAnchor: m.endAnchor! })),
      ];
      const read = toPlace.length > 0 || live ? await this.anchors.resolveWithText(d.id, toPlace) : undefined;
      const placed = read?.resolved ?? [];
      const placedCodings = live ? ownCodings.map((c, i) => ({ ...c, ...placementAfter(c, placed[i]) })) : ownCodings;
      const commentPlaces = placed.slice(live ? ownCodings.length : 0);
      const where = new Map(anchoredComments.map((c, i) => [c.id, commentPlaces[i]]));
      segmentMemos.forEach((m, i) => memoPlaces.set(m.id, commentPlaces[anchoredComments.length + i]));
      documents.push({
        id: d.id,
        title: d.title,
        text: read?.text ?? d.text,
        attributes: d.attributes,
        createdAt: d.createdAt.toISOString(),
      });
      codings.push(...placedCodings);
      comments.push(...ownComments.map((comment) => ({ comment, where: where.get(comment.id) })));
    }
    return { documents, codings, comments, memoPlaces };
  }
}

type Rows = Awaited<ReturnType<ProjectStateService['readRows']>>;

/** A memo as a project state holds it, its editor named; a segment memo's place when `where` found it. */
export function toStateMemo(
  m: StoredMemo,
  projectId: string,
  names: Map<string, string>,
  where?: ResolvedAnchor,
): ProjectStateMemo {
  const scope = m.target.startsWith('segment:') ? 'segment' : m.documentId ? 'document' : m.codeId ? 'code' : 'project';
  return {
    scope,
    targetId: m.documentId ?? m.codeId ?? projectId,
    body: m.body,
    updatedAt: m.updatedAt.toISOString(),
    updatedBy: m.updatedBy ? { id: m.updatedBy, name: names.get(m.updatedBy) ?? null } : null,
    ...(scope === 'segment' && where?.status === 'ok' ? { start: where.start, end: where.end } : {}),
  };
}

/** Segment memos carry anchors like a comment's: these are the ones to place in a document's text. */
export function anchoredMemos(memos: readonly StoredMemo[], documentId: string): StoredMemo[] {
  return memos.filter((m) => m.documentId === documentId && m.startAnchor !== null && m.endAnchor !== null);
}
