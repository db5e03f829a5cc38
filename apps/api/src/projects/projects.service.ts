import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Project, ProjectRole, ProjectSummary } from '@tolk/contracts';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import type { CreateProjectDto, UpdateProjectDto } from './dto/project.dto.js';
import { MembershipEntity } from './membership.entity.js';
import { ProjectAccessService } from './project-access.service.js';
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

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MembershipEntity) private readonly members: Repository<MembershipEntity>,
    private readonly access: ProjectAccessService,
    private readonly events: DomainEvents,
  ) {}

  /** The creator becomes the project's owner, in the same transaction. */
  async create(actor: Actor, dto: CreateProjectDto): Promise<Project> {
    const created = await this.dataSource.transaction((manager) => this.insert(manager, actor, dto));
    const { role: _creatorsRole, ...project } = created;
    this.events.emit('project.created', { project });
    return created;
  }

  /** Creates a project owned by the actor inside the caller's transaction (an import fills it in the same one). */
  async insert(manager: EntityManager, actor: Actor, dto: CreateProjectDto): Promise<Project> {
    const project = await manager.save(
      manager.create(ProjectEntity, {
        name: dto.name,
        description: dto.description ?? '',
        settings: { ...DEFAULT_PROJECT_SETTINGS },
      }),
    );
    await manager.insert(MembershipEntity, { projectId: project.id, userId: actor.userId, role: 'owner' });
    return toProject(project, 'owner');
  }

  /** Only the caller's projects, newest first. */
  async list(actor: Actor): Promise<ProjectSummary[]> {
    const memberships = await this.members.find({
      where: { userId: actor.userId },
      relations: { project: true },
      order: { project: { createdAt: 'DESC' } },
    });
    return memberships.flatMap(({ project, role }) =>
      project ? [{ id: project.id, name: project.name, description: project.description, role }] : [],
    );
  }

  async get(actor: Actor, projectId: string): Promise<Project> {
    const { project, role } = await this.access.require(actor, projectId, 'read');
    return toProject(project, role);
  }

  async update(actor: Actor, projectId: string, dto: UpdateProjectDto): Promise<Project> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const { project, role } = await this.access.require(actor, projectId, 'manageProject', manager);
      if (dto.name !== undefined) project.name = dto.name;
      if (dto.description !== undefined) project.description = dto.description;
      if (dto.settings) {
        const { supervisorCanEditText, blindCoding, searchLanguage } = dto.settings;
        project.settings = {
          ...DEFAULT_PROJECT_SETTINGS,
          ...project.settings,
          ...(supervisorCanEditText === undefined ? {} : { supervisorCanEditText }),
          ...(blindCoding === undefined ? {} : { blindCoding }),
          ...(searchLanguage === undefined ? {} : { searchLanguage }),
        };
      }
      return toProject(await manager.save(project), role);
    });
    const { role: _callersRole, ...project } = updated;
    this.events.emit('project.updated', { project });
    return updated;
  }

  /** Erases the project; members and documents go with it (ON DELETE CASCADE). */
  async remove(actor: Actor, projectId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { project } = await this.access.require(actor, projectId, 'manageProject', manager);
      await manager.delete(ProjectEntity, { id: project.id });
    });
    this.events.emit('project.deleted', { projectId });
  }
}
