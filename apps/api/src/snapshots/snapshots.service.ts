import { Injectable } from '@nestjs/common';
import {
  type Code,
  type Coding,
  type Comment,
  type CommentThread,
  type ErasedSnapshotDocument,
  type ProjectState,
  seesOnlyOwnCodings,
  type Snapshot,
  type SnapshotDiff,
  type SnapshotDocument,
  type SnapshotKind,
  type SnapshotSummary,
} from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { ProjectStateService } from '../project-state/project-state.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import { ProjectCapture } from './project-capture.service.js';
import { BlobBatch, blobJson, blobText } from './snapshot-blobs.js';
import { commentPeople, lookUpPeople, withNames, withoutNames } from './snapshot-people.js';
import { type SnapshotExtras, SnapshotStateService } from './snapshot-state.service.js';
import type { SnapshotEntity } from './snapshot.entity.js';
import { isKept, SnapshotsRepository, toSnapshotSummary } from './snapshots.repository.js';
import type { SnapshotDocumentEntity } from './snapshot-document.entity.js';
import { diffStates } from './state-diff.js';

export interface SnapshotMeta {
  name: string;
  kind: SnapshotKind;
  createdBy: string | null;
  deadlineId?: string;
  dueAt?: Date;
}

export { toSnapshotSummary };

/** With blind coding on, everyone but the owner sees only their own codings (as in GET codings). */
const visibleCodings = (access: ProjectAccess, actor: Actor, codings: Coding[]) =>
  seesOnlyOwnCodings(access.role, access.project.settings)
    ? codings.filter((c) => c.createdBy === actor.userId)
    : codings;

/**
 * Named, immutable snapshots of a whole project: taking them (in one
 * REPEATABLE READ transaction, so every document, coding and code is as of
 * one instant), listing, reading a document as it was, and comparing.
 */
@Injectable()
export class SnapshotsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly snapshots: SnapshotsRepository,
    private readonly users: UsersRepository,
    private readonly access: ProjectAccessService,
    private readonly capture: ProjectCapture,
    private readonly states: SnapshotStateService,
    private readonly projectState: ProjectStateService,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, projectId: string, name: string): Promise<SnapshotSummary> {
    await this.access.require(actor, projectId, 'takeSnapshots');
    return this.take(projectId, { name, kind: 'manual', createdBy: actor.userId });
  }

  /** Takes a snapshot in its own transaction and tells the project's members. */
  async take(projectId: string, meta: SnapshotMeta): Promise<SnapshotSummary> {
    const snapshot = await this.transactions.run((tx) => this.write(tx, projectId, meta), 'REPEATABLE READ');
    this.announce(projectId, snapshot);
    return snapshot;
  }

  announce(projectId: string, snapshot: SnapshotSummary): void {
    this.events.emit('snapshot.created', { projectId, snapshot });
  }

  /** Captures the project and stores it, inside the caller's REPEATABLE READ transaction. */
  async write(tx: Tx, projectId: string, meta: SnapshotMeta): Promise<SnapshotSummary> {
    const { state, yjsStates } = await this.capture.capture(tx, projectId);
    const blobs = new BlobBatch();
    const extras: SnapshotExtras = {
      project: state.project,
      userIds: state.users.map((u) => u.id),
      memos: state.memos.map(withoutNames.memo),
    };
    const snapshot = await this.snapshots.insert(
      {
        projectId,
        name: meta.name,
        kind: meta.kind,
        createdBy: meta.createdBy,
        deadlineId: meta.deadlineId ?? null,
        dueAt: meta.dueAt ?? null,
        codebookHash: blobs.add(state.codes),
        extrasHash: blobs.add(extras),
      },
      tx,
    );
    const rows = state.documents.map((d, position) => ({
      snapshotId: snapshot.id,
      documentId: d.id,
      projectId,
      position,
      title: d.title,
      attributes: d.attributes,
      documentCreatedAt: new Date(d.createdAt),
      length: d.text.length,
      stateHash: blobs.add(yjsStates.get(d.id)!),
      textHash: blobs.add(d.text),
      codingsHash: blobs.add(state.codings.filter((c) => c.documentId === d.id)),
      commentsHash: blobs.add(state.comments.filter((c) => c.documentId === d.id).map(withoutNames.comment)),
    }));
    await this.snapshots.writeBlobs(projectId, blobs.added, tx);
    await this.snapshots.insertDocuments(rows, tx);
    const creatorName = meta.createdBy ? await this.users.nameOf(meta.createdBy, tx) : null;
    return toSnapshotSummary(snapshot, creatorName);
  }

  /** Newest first. */
  async list(actor: Actor, projectId: string): Promise<SnapshotSummary[]> {
    await this.access.require(actor, projectId, 'read');
    return this.snapshots.list(projectId);
  }

  async get(actor: Actor, snapshotId: string): Promise<Snapshot> {
    const { snapshot } = await this.loadFor(actor, snapshotId, 'read');
    const documents = await this.snapshots.documentsOf(snapshot.id);
    const blobs = await this.snapshots.blobs(snapshot.projectId, [snapshot.codebookHash]);
    const people = await lookUpPeople(
      this.users,
      documents.map((d) => d.erasedBy),
    );
    return {
      ...toSnapshotSummary(snapshot, snapshot.creator?.name ?? null),
      projectId: snapshot.projectId,
      documents: documents.map((d) =>
        isKept(d)
          ? { id: d.documentId, title: d.title, attributes: d.attributes, length: d.length }
          : tombstone(d, d.erasedBy ? (people.get(d.erasedBy)?.name ?? null) : null),
      ),
      codes: blobJson<Code[]>(blobs, snapshot.codebookHash),
    };
  }

  /** One document exactly as at the snapshot: text, codings and comment threads. */
  async document(actor: Actor, snapshotId: string, documentId: string): Promise<SnapshotDocument> {
    const { snapshot, access } = await this.loadFor(actor, snapshotId, 'read');
    const found = isUuid(documentId) ? await this.snapshots.document(snapshot.id, documentId) : null;
    // An erased transcript has nothing left to read: the snapshot's summary shows its tombstone.
    const row = found && isKept(found) ? found : null;
    if (!row) throw notFound('Document');
    const blobs = await this.snapshots.blobs(snapshot.projectId, [row.textHash, row.codingsHash, row.commentsHash]);
    const stored = blobJson<Comment[]>(blobs, row.commentsHash);
    const named = withNames(await lookUpPeople(this.users, stored.flatMap(commentPeople)));
    const comments = stored.map(named.comment);
    const threads = new Map<string, CommentThread>();
    for (const c of comments) if (c.parentId === null) threads.set(c.id, { ...c, replies: [] });
    for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
    return {
      id: row.documentId,
      title: row.title,
      attributes: row.attributes,
      text: blobText(blobs, row.textHash),
      codings: visibleCodings(access, actor, blobJson<Coding[]>(blobs, row.codingsHash)),
      comments: [...threads.values()],
    };
  }

  /** From this snapshot to another one of the same project, or to the project as it is now. */
  async diff(actor: Actor, snapshotId: string, against: string | undefined): Promise<SnapshotDiff> {
    const { snapshot, access } = await this.loadFor(actor, snapshotId, 'read');
    if (!against) throw invalid('invalid_diff_target', 'against must be a snapshot id or "current"');
    const before = await this.states.fromSnapshot(snapshot.id);
    let after: ProjectState;
    if (against === 'current') {
      after = await this.projectState.current(snapshot.projectId, { actor, access });
    } else {
      const other = isUuid(against) ? await this.snapshots.findById(against) : null;
      if (!other || other.projectId !== snapshot.projectId)
        throw invalid('invalid_diff_target', 'against must be a snapshot of this project or "current"');
      after = await this.states.fromSnapshot(other.id);
    }
    const visible = (s: ProjectState) => ({ ...s, codings: visibleCodings(access, actor, s.codings) });
    return {
      from: { snapshotId: snapshot.id, name: snapshot.name, asOf: before.asOf },
      to: { snapshotId: after.snapshot?.id ?? null, name: after.snapshot?.name ?? 'now', asOf: after.asOf },
      ...diffStates(visible(before), visible(after)),
    };
  }

  /** The project state of a snapshot for a member (blind coding applied). */
  async stateFor(actor: Actor, snapshotId: string): Promise<ProjectState> {
    const { snapshot, access } = await this.loadFor(actor, snapshotId, 'read');
    const state = await this.states.fromSnapshot(snapshot.id);
    return { ...state, codings: visibleCodings(access, actor, state.codings) };
  }

  /** A snapshot of a project the caller may act on; a foreign or missing one is a 404 alike. */
  async loadFor(
    actor: Actor,
    snapshotId: string,
    permission: Permission,
  ): Promise<{ snapshot: SnapshotEntity; access: ProjectAccess }> {
    const snapshot = isUuid(snapshotId) ? await this.snapshots.findById(snapshotId) : null;
    const access = snapshot ? await this.access.find(actor, snapshot.projectId) : undefined;
    if (!snapshot || !access) throw notFound('Snapshot');
    this.access.check(access, permission);
    return { snapshot, access };
  }
}

/** What a snapshot shows in place of a transcript erased on withdrawn consent. */
function tombstone(row: SnapshotDocumentEntity, erasedByName: string | null): ErasedSnapshotDocument {
  return {
    id: row.documentId,
    title: null,
    erased: true,
    erasedAt: (row.erasedAt ?? new Date(0)).toISOString(),
    reason: row.eraseReason ?? '',
    erasedBy: row.erasedBy ? { id: row.erasedBy, name: erasedByName } : null,
  };
}
