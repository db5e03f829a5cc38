import type { CodingQueryRequest } from '@tolk/contracts';
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
 * A coding query saved under a name (docs/api.md, «Saved queries»): the
 * request body as given, never its results, so running it again answers
 * from the codings as they are then. Names are unique within a project.
 */
@Entity('saved_queries')
@Index('IDX_saved_queries_project_name', ['projectId', 'name'], { unique: true })
export class SavedQueryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The body `POST …/analysis/query` takes, validated when saved. */
  @Column({ type: 'jsonb' })
  query!: CodingQueryRequest;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: { id: string };

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn()
  createdBy?: { id: string } | null;
}
