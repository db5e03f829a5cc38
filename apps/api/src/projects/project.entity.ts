import type { ProjectSettings } from '@tolk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  supervisorCanEditText: false,
  blindCoding: false,
  searchLanguage: 'norwegian',
};

@Entity('projects')
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  // Keys added later (searchLanguage) are filled in from DEFAULT_PROJECT_SETTINGS when read.
  // jsonb keeps keys sorted; the default is written sorted so the schema-drift check sees no change.
  @Column({ type: 'jsonb', default: () => `'{"blindCoding": false, "supervisorCanEditText": false}'` })
  settings!: ProjectSettings;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
