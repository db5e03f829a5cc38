import { Injectable } from '@nestjs/common';
import type { Code, Coding, Comment, ProjectState, ProjectStateMemo } from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import type { Tx } from '../database/transactions.js';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { blobJson, blobText } from './snapshot-blobs.js';
import { lookUpPeople, withNames } from './snapshot-people.js';
import { isKept, SnapshotsRepository } from './snapshots.repository.js';

/** What a snapshot keeps besides its documents and codebook (nothing per-snapshot, so it is shared while unchanged). */
export interface SnapshotExtras {
  project: ProjectState['project'];
  /** Everyone the state mentions, by id (names are looked up when read: see snapshot-people.ts). */
  userIds: string[];
  memos: ProjectStateMemo[];
}

/**
 * Loads a snapshot back as a `ProjectState`, the shape analysis and the
 * exports read, so each of them runs on a snapshot as on the current state.
 * No access check here: callers check the actor first (see SnapshotsService).
 */
@Injectable()
export class SnapshotStateService {
  constructor(
    private readonly snapshots: SnapshotsRepository,
    private readonly users: UsersRepository,
  ) {}

  async fromSnapshot(snapshotId: string, tx?: Tx): Promise<ProjectState> {
    const snapshot = isUuid(snapshotId) ? await this.snapshots.findById(snapshotId, tx) : null;
    if (!snapshot) throw notFound('Snapshot');
    // A transcript erased on withdrawn consent is not part of the state at all (not even its title).
    const documents = (await this.snapshots.documentsOf(snapshot.id, tx)).filter(isKept);
    const blobs = await this.snapshots.blobs(
      snapshot.projectId,
      [
        snapshot.codebookHash,
        snapshot.extrasHash,
        ...documents.flatMap((d) => [d.textHash, d.codingsHash, d.commentsHash]),
      ],
      tx,
    );
    const extras = blobJson<SnapshotExtras>(blobs, snapshot.extrasHash);
    const people = await lookUpPeople(this.users, extras.userIds, tx);
    const named = withNames(people);
    return {
      project: extras.project,
      // The instant the transaction that took it began (one database snapshot).
      asOf: snapshot.createdAt.toISOString(),
      snapshot: { id: snapshot.id, name: snapshot.name },
      users: [...people.values()],
      codes: blobJson<Code[]>(blobs, snapshot.codebookHash),
      documents: documents.map((d) => ({
        id: d.documentId,
        title: d.title,
        text: blobText(blobs, d.textHash),
        attributes: d.attributes,
        createdAt: d.documentCreatedAt.toISOString(),
      })),
      codings: documents.flatMap((d) => blobJson<Coding[]>(blobs, d.codingsHash)),
      comments: documents.flatMap((d) => blobJson<Comment[]>(blobs, d.commentsHash)).map(named.comment),
      memos: extras.memos.map(named.memo),
    };
  }
}
