import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { CodeEntity } from '../codebook/code.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

/**
 * A memo: free text about the project, one document or one code. `target`
 * (`project`, `document:<id>` or `code:<id>`) makes one memo per thing; the
 * foreign keys make it go with what it is about.
 */
@Entity('memos')
@Index('UQ_memos_target', ['projectId', 'target'], { unique: true })
export class MemoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  codeId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: ProjectEntity;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: DocumentEntity | null;

  @ManyToOne(() => CodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  code?: CodeEntity | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  editor?: UserEntity | null;
}
