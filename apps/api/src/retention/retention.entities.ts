import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DocumentEntity } from '../documents/document.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

/** When a project's data is to be erased (the date the ethics approval names). */
@Entity('project_retention')
export class ProjectRetentionEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** A calendar date (`YYYY-MM-DD`, UTC): the project is erased once it has come. */
  @Column({ name: 'retention_until', type: 'date' })
  retentionUntil!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;
}

/** The informant's consent behind a transcript: a reference to the signed form and its date. */
@Entity('document_consents')
export class DocumentConsentEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'varchar', length: 200 })
  reference!: string;

  @Column({ name: 'consent_date', type: 'date', nullable: true })
  consentDate!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: DocumentEntity;
}
