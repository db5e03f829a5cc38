import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * The current state of a code assignment: a code on a segment of a
 * transcript. The segment is held by two Yjs relative positions (anchors)
 * that move with the text; `start`, `end` and `quote` are those anchors
 * resolved against the text as it is now, kept current by the server.
 * Every change is also a row in `coding_events`, from which this is derived.
 */
@Entity('codings')
@Index('IDX_codings_document', ['documentId'])
@Index('IDX_codings_project_code', ['projectId', 'codeId'])
// Expression indexes for text search in quotes, made by a migration (TypeORM cannot describe them).
@Index('IDX_codings_quote_norwegian', { synchronize: false })
@Index('IDX_codings_quote_english', { synchronize: false })
export class CodingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'uuid' })
  codeId!: string;

  /** base64 of `Y.encodeRelativePosition`. */
  @Column({ type: 'text' })
  startAnchor!: string;

  @Column({ type: 'text' })
  endAnchor!: string;

  /** UTF-16 offsets in the current text, `end` exclusive. */
  @Column({ type: 'int' })
  start!: number;

  @Column({ type: 'int' })
  end!: number;

  @Column({ type: 'text' })
  quote!: string;

  /** True when every character of the segment was deleted from the text. */
  @Column({ type: 'boolean', default: false })
  textDeleted!: boolean;

  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Set when a person removed the coding (it can be restored). */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: { id: string };

  @ManyToOne('CodeEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  code?: { id: string };

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: { id: string } | null;
}
