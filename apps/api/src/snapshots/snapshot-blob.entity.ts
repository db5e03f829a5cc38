import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Content-addressed bytes of snapshots (a Yjs state, a text, a JSON list of
 * codings, a codebook): keyed by their SHA-256 within the project, so
 * snapshots with an unchanged part share one row. Immutable (a trigger
 * refuses changes while the project lives); erased with the project.
 */
@Entity('snapshot_blobs')
export class SnapshotBlobEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  /** SHA-256 of `bytes`. */
  @PrimaryColumn({ type: 'bytea' })
  hash!: Buffer;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;
}
