import type { ProjectRole } from '@tolk/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A pending invitation to a project, addressed to an email (there may be no account with it yet). */
@Entity('invitations')
@Index('IDX_invitations_project_email', ['projectId', 'email'], { unique: true })
@Check('CHK_invitations_role', `"role" IN ('owner', 'supervisor', 'coder', 'viewer')`)
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_5dec98cfdfd562e4ad3648bbb07' })
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  /** Normalised (see auth/users.ts). */
  @Index('IDX_invitations_email')
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'text' })
  role!: ProjectRole;

  @Column({ type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_invitations_project' })
  project?: { name: string };

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by', foreignKeyConstraintName: 'FK_invitations_invited_by' })
  inviter?: { name: string } | null;
}
