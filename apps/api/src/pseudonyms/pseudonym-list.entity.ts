import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A project's pseudonym key list (real name → pseudonym), encrypted
 * (AES-256-GCM, KeyListCipher): the database never holds it in the clear,
 * nor the key. Deleting the row destroys the list.
 */
@Entity('pseudonym_lists')
export class PseudonymListEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'bytea' })
  nonce!: Buffer;

  /** The encrypted JSON list, with the GCM tag at its end. */
  @Column({ type: 'bytea' })
  ciphertext!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater?: unknown;
}
