import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Code, Coding, Comment, ProjectState, ProjectStateMemo } from '@tolk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { SnapshotDocumentEntity } from './snapshot-document.entity.js';
import { SnapshotEntity } from './snapshot.entity.js';
import { blobJson, blobText, readBlobs } from './snapshot-blobs.js';
import { lookUpPeople, withNames } from './snapshot-people.js';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async fromSnapshot(snapshotId: string, manager: EntityManager = this.dataSource.manager): Promise<ProjectState> {
    const snapshot = isUuid(snapshotId)
      ? await manager.findOneBy(SnapshotEntity, { id: snapshotId.toLowerCase() })
      : null;
    if (!snapshot) throw notFound('Snapshot');
    const documents = await this.documentsOf(manager, snapshot.id);
    const blobs = await readBlobs(manager, snapshot.projectId, [
      snapshot.codebookHash,
      snapshot.extrasHash,
      ...documents.flatMap((d) => [d.textHash, d.codingsHash, d.commentsHash]),
    ]);
    const extras = blobJson<SnapshotExtras>(blobs, snapshot.extrasHash);
    const people = await lookUpPeople(manager, extras.userIds);
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

  documentsOf(manager: EntityManager, snapshotId: string): Promise<SnapshotDocumentEntity[]> {
    return manager.find(SnapshotDocumentEntity, { where: { snapshotId }, order: { position: 'ASC' } });
  }
}
