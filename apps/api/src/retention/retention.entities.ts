import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** When a project's data is to be erased (the date the ethics approval names). */
@Entity('project_retention')
export class ProjectRetentionEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  /** A calendar date (`YYYY-MM-DD`, UTC): the project is erased once it has come. */
  @Column({ type: 'date' })
  retentionUntil!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;
}

/** The informant's consent behind a transcript: a reference to the signed form and its date. */
@Entity('document_consents')
export class DocumentConsentEntity {
  @PrimaryColumn({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'varchar', length: 200 })
  reference!: string;

  @Column({ type: 'date', nullable: true })
  consentDate!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: unknown;
}
