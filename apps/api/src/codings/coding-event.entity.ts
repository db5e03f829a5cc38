import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CodingEntity } from './coding.entity.js';

export type CodingAction = 'created' | 'recoded' | 'resized' | 'deleted' | 'restored';

/**
 * One version of a coding (append-only): what a person did and the whole
 * state after it — code, anchors, offsets and the quote at that moment — so
 * the state at any time is the latest event before it.
 */
@Entity('coding_events')
@Index('UQ_coding_events_version', ['codingId', 'version'], { unique: true })
@Index('IDX_coding_events_project_at', ['projectId', 'at'])
export class CodingEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  codingId!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  action!: CodingAction;

  @Column({ type: 'uuid' })
  codeId!: string;

  @Column({ type: 'text' })
  startAnchor!: string;

  @Column({ type: 'text' })
  endAnchor!: string;

  @Column({ type: 'int' })
  start!: number;

  @Column({ type: 'int' })
  end!: number;

  @Column({ type: 'text' })
  quote!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @ManyToOne(() => CodingEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  coding?: CodingEntity;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  actor?: { id: string } | null;
}
