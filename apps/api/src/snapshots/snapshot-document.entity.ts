import type { DocumentAttributes } from '@tolk/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../projects/project.entity.js';
import { SnapshotEntity } from './snapshot.entity.js';

/**
 * One document as it was in a snapshot: title and attributes inline, the
 * heavy parts as hashes of content-addressed blobs (`snapshot_blobs`), so an
 * unchanged document costs one small row per snapshot. No foreign key to
 * `documents`: the snapshot keeps a document that is deleted later.
 */
@Entity('snapshot_documents')
export class SnapshotDocumentEntity {
  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId!: string;

  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** Order in the project's document list. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  attributes!: DocumentAttributes;

  @Column({ name: 'document_created_at', type: 'timestamptz' })
  documentCreatedAt!: Date;

  /** UTF-16 length of the text. */
  @Column({ type: 'int' })
  length!: number;

  /** The Yjs state (`Y.encodeStateAsUpdate`). */
  @Column({ name: 'state_hash', type: 'bytea' })
  stateHash!: Buffer;

  @Column({ name: 'text_hash', type: 'bytea' })
  textHash!: Buffer;

  /** JSON list of the codings, resolved against this text. */
  @Column({ name: 'codings_hash', type: 'bytea' })
  codingsHash!: Buffer;

  /** JSON list of the comments, resolved against this text. */
  @Column({ name: 'comments_hash', type: 'bytea' })
  commentsHash!: Buffer;

  @ManyToOne(() => SnapshotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: SnapshotEntity;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;
}
