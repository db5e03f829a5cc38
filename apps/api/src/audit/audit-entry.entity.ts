import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited event: who did what to which target, when and from where.
 * Append-only: a trigger (migration CreateAuditLog) refuses UPDATE, DELETE
 * and TRUNCATE unless the transaction set `tolk.audit_erasure` (account
 * erasure and retention only: AuditService.forgetPerson, eraseProject). No foreign keys, so an entry
 * outlives the project or account it names: the ids then name nobody.
 */
@Entity('audit_entries')
@Index('IDX_audit_entries_project', ['projectId', 'id'])
@Index('IDX_audit_entries_actor', ['actorId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  /** The transcript concerned, for the `documentId` filter (a document, or a coding or comment on one). */
  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
