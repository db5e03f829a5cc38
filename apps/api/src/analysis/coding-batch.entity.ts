import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Codings made together by one "code all hits" of a search: who did it,
 * with which query and code, and which codings it made, so the whole batch
 * can be undone at once (as deletion events of those codings).
 */
@Entity('coding_batches')
@Index('IDX_coding_batches_project', ['projectId'])
export class CodingBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid' })
  codeId!: string;

  /** The search that found the passages. */
  @Column({ type: 'text' })
  query!: string;

  @Column({ type: 'uuid', array: true })
  codingIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt!: Date | null;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: { id: string } | null;
}
