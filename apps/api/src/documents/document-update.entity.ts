import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity.js';

/**
 * The update log: every accepted Yjs update of a transcript, in the order it
 * was committed, with who sent it and when. Rows stay after compaction (the
 * merged state only records up to which id it covers), so the log is also
 * the transcript's edit history.
 */
@Entity('document_updates')
@Index('IDX_document_updates_document_id', ['documentId', 'id'])
export class DocumentUpdateEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  /** A Yjs update (format v1). */
  @Column({ type: 'bytea' })
  update!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: DocumentEntity;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  user?: { id: string } | null;
}
