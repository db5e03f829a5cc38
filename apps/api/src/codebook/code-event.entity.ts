import type { CodebookAction } from '@tolk/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CodeEntity } from './code.entity.js';

export type CodeEventAction = CodebookAction;

/** Every change to the codebook, with who made it and when (append-only). */
@Entity('code_events')
@Index('IDX_code_events_code', ['codeId', 'id'])
export class CodeEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid' })
  codeId!: string;

  @Column({ type: 'text' })
  action!: CodeEventAction;

  /** The code's version after this change. */
  @Column({ type: 'int' })
  version!: number;

  /** What changed: `{ from, to }` of the fields involved, or the merge target. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data!: Record<string, string | null>;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** Set when the change is a proposal the actor (the owner) accepted: who proposed it. */
  @Column({ type: 'uuid', nullable: true })
  proposedById!: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposalId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne(() => CodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  code?: CodeEntity;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  actor?: { id: string } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  proposedBy?: { id: string } | null;
}
