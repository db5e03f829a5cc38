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
 * A comment on a transcript: a thread root anchored to a segment (or to the
 * whole document when it has no anchors), or a reply in a thread.
 */
@Entity('comments')
@Index('IDX_comments_document', ['documentId', 'createdAt'])
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  startAnchor!: string | null;

  @Column({ type: 'text', nullable: true })
  endAnchor!: string | null;

  /** The commented words when the comment was written. */
  @Column({ type: 'text', nullable: true })
  quote!: string | null;

  /** User ids named with `@Name` in the body. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  mentions!: string[];

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: { id: string; title: string };

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  parent?: CommentEntity | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  author?: { id: string } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resolved_by' })
  resolver?: { id: string } | null;
}
