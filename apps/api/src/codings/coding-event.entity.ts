import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
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

  @Column({ name: 'coding_id', type: 'uuid' })
  codingId!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  action!: CodingAction;

  @Column({ name: 'code_id', type: 'uuid' })
  codeId!: string;

  @Column({ name: 'start_anchor', type: 'text' })
  startAnchor!: string;

  @Column({ name: 'end_anchor', type: 'text' })
  endAnchor!: string;

  @Column({ type: 'int' })
  start!: number;

  @Column({ type: 'int' })
  end!: number;

  @Column({ type: 'text' })
  quote!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;

  @ManyToOne(() => CodingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'coding_id' })
  coding?: CodingEntity;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity | null;
}
