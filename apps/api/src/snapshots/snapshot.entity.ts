import type { SnapshotKind } from '@tolk/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A named, immutable picture of a whole project at one instant. The parts
 * shared by all documents (codebook, memos and the people named) are blobs;
 * each document is a `snapshot_documents` row. A trigger refuses updates and
 * deletes while the project lives (only `created_by` may be cleared, when
 * that user's account is erased).
 */
@Entity('snapshots')
@Index('IDX_snapshots_project', ['projectId', 'createdAt'])
export class SnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: SnapshotKind;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The deadline that took it (no foreign key: the record outlives the deadline). */
  @Column({ type: 'uuid', nullable: true })
  deadlineId!: string | null;

  /** The deadline's due time; `created_at` is later when the server was down then. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** JSON of the codebook (active codes). */
  @Column({ type: 'bytea' })
  codebookHash!: Buffer;

  /** JSON of the memos and the people the snapshot names. */
  @Column({ type: 'bytea' })
  extrasHash!: Buffer;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: { name: string } | null;
}
