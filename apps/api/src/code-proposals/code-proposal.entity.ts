import type { CodeProposalKind, CodeProposalStatus } from '@tolk/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A codebook change someone proposed (a supervisor, mostly) for the owner to
 * accept or decline. Accepting applies it as the owner's own codebook change,
 * whose event names the proposer; the proposal stays as the record.
 */
@Entity('code_proposals')
@Index('IDX_code_proposals_project', ['projectId', 'createdAt'])
export class CodeProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CodeProposalKind;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: CodeProposalStatus;

  @Column({ type: 'uuid', nullable: true })
  codeId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  intoCodeId!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** create, describe: the proposed definition fields (null: left as it is). */
  @Column({ type: 'text', nullable: true })
  whenToUse!: string | null;

  @Column({ type: 'text', nullable: true })
  whenNotToUse!: string | null;

  /** describe: the coding proposed as the code's example, and its words when proposed. */
  @Column({ type: 'uuid', nullable: true })
  exampleCodingId!: string | null;

  @Column({ type: 'text', nullable: true })
  exampleQuote!: string | null;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'uuid', nullable: true })
  proposedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The code the accepted change made or changed. */
  @Column({ type: 'uuid', nullable: true })
  resultCodeId!: string | null;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('CodeEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  code?: { id: string } | null;

  @ManyToOne('CodeEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  intoCode?: { id: string } | null;

  @ManyToOne('CodeEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  parent?: { id: string } | null;

  @ManyToOne('CodeEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  resultCode?: { id: string } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  proposedBy?: { id: string } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  decidedBy?: { id: string } | null;
}
