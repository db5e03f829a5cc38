import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MemoEntity } from './memo.entity.js';

/**
 * A memo's merged Yjs state (every update with id ≤ `lastUpdateId` folded
 * in), like `document_states` for a transcript. A memo written before memos
 * were live has none until it is first loaded: then its `body` becomes the
 * state.
 */
@Entity('memo_states')
export class MemoStateEntity {
  @PrimaryColumn({ type: 'uuid' })
  memoId!: string;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ type: 'bigint', default: 0 })
  lastUpdateId!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToOne(() => MemoEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  memo?: MemoEntity;
}

/**
 * A memo's update log: every accepted Yjs update with who sent it and when,
 * like `document_updates`. The rows stay after compaction: they are the
 * memo's history (who wrote what).
 */
@Entity('memo_updates')
@Index('IDX_memo_updates_memo_id', ['memoId', 'id'])
export class MemoUpdateEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  memoId!: string;

  /** A Yjs update (format v1). */
  @Column({ type: 'bytea' })
  update!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => MemoEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  memo?: MemoEntity;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  user?: { id: string } | null;
}
