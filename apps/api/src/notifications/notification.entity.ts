import type { NotificationKind } from '@tolk/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * One notification for one recipient, written in the transaction of what
 * caused it. Deleting the project, the transcript or the recipient takes it
 * with them; a deleted comment leaves read ones pointing at nothing (unread
 * ones are withdrawn by the comments service).
 */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt'])
@Index('IDX_notifications_comment', ['commentId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  commentId!: string | null;

  /** The first comment of the comment's thread (the comment itself for a thread's first one). */
  @Column({ type: 'uuid', nullable: true })
  threadId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** Ids of what other kinds are about: `invitationId`, `proposalId`, `snapshotId`. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: unknown;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: unknown;

  @ManyToOne('CommentEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  comment?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  actor?: unknown;
}

/** The kinds of notification a user has turned off (every kind is on until then). */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  muted!: NotificationKind[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: unknown;
}
