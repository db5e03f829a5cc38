import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A code in a project's codebook (a theme, in the thesis's words). Codes are
 * never removed while their project lives: a merged or deleted code is
 * retired, so history and snapshots can still name it.
 */
@Entity('codes')
@Index('IDX_codes_project', ['projectId'])
// One code per key and project; a retired code gives its key up.
@Index('UQ_codes_shortcut', ['projectId', 'shortcut'], { unique: true, where: '"shortcut" IS NOT NULL' })
export class CodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** `#rrggbb`. */
  @Column({ type: 'text' })
  color!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** The definition beyond `description`: when to apply the code, and when not to. */
  @Column({ type: 'text', default: '' })
  whenToUse!: string;

  @Column({ type: 'text', default: '' })
  whenNotToUse!: string;

  /**
   * The coding chosen as the example quote. No foreign key: codings are
   * kept when removed (as events), and the quote below stays as chosen even
   * if the coding's text changes later.
   */
  @Column({ type: 'uuid', nullable: true })
  exampleCodingId!: string | null;

  @Column({ type: 'text', default: '' })
  exampleQuote!: string;

  /** `"1"`…`"9"`, `"0"` or null: the key that applies the code in code mode (null once retired). */
  @Column({ type: 'varchar', length: 1, nullable: true })
  shortcut!: string | null;

  /** Bumped by every change; a PATCH naming an older version gets 409. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Set when the code was merged into another or deleted. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne(() => CodeEntity, { onDelete: 'SET NULL' })
  @JoinColumn()
  parent?: CodeEntity | null;
}
