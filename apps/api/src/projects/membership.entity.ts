import type { ProjectRole } from '@tolk/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from './project.entity.js';

/** A user's role in one project. No row, no access (and a 404). */
@Entity('project_members')
@Check('CHK_project_members_role', `"role" IN ('owner', 'supervisor', 'coder', 'viewer')`)
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  @Index('IDX_project_members_user')
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: ProjectRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: ProjectEntity;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: { email: string; name: string };
}
