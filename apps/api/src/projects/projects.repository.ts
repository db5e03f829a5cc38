import { Injectable } from '@nestjs/common';
import type { Project, ProjectRole, ProjectSettings } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { DEFAULT_PROJECT_SETTINGS, ProjectEntity } from './project.entity.js';

export function toProject(project: ProjectEntity, role: ProjectRole): Project {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role,
    settings: { ...DEFAULT_PROJECT_SETTINGS, ...project.settings },
    createdAt: project.createdAt.toISOString(),
  };
}

export interface NewProject {
  name: string;
  description: string;
  settings?: ProjectSettings;
}

/** Every query of `projects`. */
@Injectable()
export class ProjectsRepository extends Repo {
  findById(id: string, tx?: Tx): Promise<ProjectEntity | null> {
    return this.manager(tx).findOneBy(ProjectEntity, { id });
  }

  exists(id: string, tx?: Tx): Promise<boolean> {
    return this.manager(tx).existsBy(ProjectEntity, { id });
  }

  /** The row, locked until the transaction ends (member changes of one project run one at a time). */
  lockById(id: string, tx: Tx): Promise<ProjectEntity | null> {
    return tx.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(project: NewProject, tx?: Tx): Promise<ProjectEntity> {
    const manager = this.manager(tx);
    return manager.save(
      manager.create(ProjectEntity, { ...project, settings: project.settings ?? { ...DEFAULT_PROJECT_SETTINGS } }),
    );
  }

  /** Writes the name, description and settings of a project read before. */
  save(project: ProjectEntity, tx?: Tx): Promise<ProjectEntity> {
    return this.manager(tx).save(project);
  }

  /** Its members, documents and everything in it go too (ON DELETE CASCADE). */
  async delete(id: string, tx?: Tx): Promise<void> {
    await this.manager(tx).delete(ProjectEntity, { id });
  }
}
