import type { DocumentAttributes } from '@tolk/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SnapshotEntity } from './snapshot.entity.js';

/**
 * One document as it was in a snapshot: title and attributes inline, the
 * heavy parts as hashes of content-addressed blobs (`snapshot_blobs`), so an
 * unchanged document costs one small row per snapshot. No foreign key to
 * `documents`: the snapshot keeps a document that is deleted later.
 */
@Entity('snapshot_documents')
export class SnapshotDocumentEntity {
  @PrimaryColumn({ type: 'uuid' })
  snapshotId!: string;

  @PrimaryColumn({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  /** Order in the project's document list. */
  @Column({ type: 'int' })
  position!: number;

  /** Null once erased (as are the attributes' contents and every hash). */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  attributes!: DocumentAttributes;

  @Column({ type: 'timestamptz' })
  documentCreatedAt!: Date;

  /** UTF-16 length of the text. */
  @Column({ type: 'int' })
  length!: number;

  /** The Yjs state (`Y.encodeStateAsUpdate`). */
  @Column({ type: 'bytea', nullable: true })
  stateHash!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  textHash!: Buffer | null;

  /** JSON list of the codings, resolved against this text. */
  @Column({ type: 'bytea', nullable: true })
  codingsHash!: Buffer | null;

  /** JSON list of the comments, resolved against this text. */
  @Column({ type: 'bytea', nullable: true })
  commentsHash!: Buffer | null;

  /** Set when the transcript was erased on withdrawn consent: the row is then a tombstone. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  eraseReason!: string | null;

  /** Who erased it (no foreign key: a tombstone outlives the account; the name is looked up when read). */
  @Column({ type: 'uuid', nullable: true })
  erasedBy!: string | null;

  @ManyToOne(() => SnapshotEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  snapshot?: SnapshotEntity;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;
}
