import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A memo: Markdown about the project, one document, one code or one segment
 * of a document. `target` (`project`, `document:<id>`, `code:<id>`, or
 * `segment:<memo id>` for a segment, of which a document may have many)
 * makes one memo per thing; the foreign keys make it go with what it is
 * about. The text itself is a live Yjs document (`memo_states` and
 * `memo_updates`); `body` is its plain-text copy, kept in step a moment after
 * each edit (lists, exports, snapshots).
 */
@Entity('memos')
@Index('UQ_memos_target', ['projectId', 'target'], { unique: true })
export class MemoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  codeId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  /** A segment memo's place in its document: Yjs relative positions (libs/anchoring), as for a coding. */
  @Column({ type: 'text', nullable: true })
  startAnchor!: string | null;

  @Column({ type: 'text', nullable: true })
  endAnchor!: string | null;

  /** The segment's words when the memo was made (its title in lists). */
  @Column({ type: 'text', nullable: true })
  quote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: { id: string } | null;

  @ManyToOne('CodeEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  code?: { id: string } | null;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  editor?: { id: string } | null;
}
