import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DocumentEntity } from './document.entity.js';

/**
 * A transcript's merged Yjs state: every update with id ≤ `lastUpdateId`
 * folded into one. Loading a document is this state plus the newer updates.
 */
@Entity('document_states')
export class DocumentStateEntity {
  @PrimaryColumn({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ type: 'bigint', default: 0 })
  lastUpdateId!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: DocumentEntity;
}
