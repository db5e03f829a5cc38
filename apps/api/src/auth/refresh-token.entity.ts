import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One refresh token ever issued (its `jti`), in the family of one sign-in:
 * each refresh uses the token up and issues the next of the family. A token
 * used a second time (after a short grace for a browser's racing tabs) means
 * it was copied: the whole family is revoked.
 */
@Entity('refresh_tokens')
@Index('IDX_refresh_tokens_family', ['familyId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_refresh_tokens' })
  id!: string;

  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When a refresh traded it for the next token. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** When its family was revoked (reuse detected). */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_refresh_tokens_user' })
  user?: unknown;
}
