import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A thesis deadline: at `dueAt` the scheduler takes a snapshot named after
 * it and sets `snapshotId` in the same transaction (`WHERE snapshot_id IS
 * NULL`, row locked), so it is taken once however many instances run.
 */
@Entity('deadlines')
@Index('IDX_deadlines_due', ['dueAt'])
@Index('IDX_deadlines_project', ['projectId'])
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  snapshotId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;

  @ManyToOne('SnapshotEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  snapshot?: { createdAt: Date } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;
}
