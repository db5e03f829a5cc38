import { Injectable } from '@nestjs/common';
import type { Project, ProjectSummary } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import type { CreateProjectDto, UpdateProjectDto } from './dto/project.dto.js';
import { MembershipsRepository } from './memberships.repository.js';
import { ProjectAccessService } from './project-access.service.js';
import { DEFAULT_PROJECT_SETTINGS } from './project.entity.js';
import { ProjectsRepository, toProject } from './projects.repository.js';

@Injectable()
export class ProjectsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly projects: ProjectsRepository,
    private readonly members: MembershipsRepository,
    private readonly access: ProjectAccessService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /** The creator becomes the project's owner, in the same transaction. */
  async create(actor: Actor, dto: CreateProjectDto): Promise<Project> {
    const created = await this.transactions.run((tx) => this.insert(tx, actor, dto));
    const { role: _creatorsRole, ...project } = created;
    this.events.emit('project.created', { project });
    return created;
  }

  /** Creates a project owned by the actor inside the caller's transaction (an import fills it in the same one). */
  async insert(tx: Tx, actor: Actor, dto: CreateProjectDto): Promise<Project> {
    const project = await this.projects.insert({ name: dto.name, description: dto.description ?? '' }, tx);
    await this.members.insert([{ projectId: project.id, userId: actor.userId, role: 'owner' }], tx);
    return toProject(project, 'owner');
  }

  /** Only the caller's projects, newest first. */
  list(actor: Actor): Promise<ProjectSummary[]> {
    return this.members.projectsOf(actor.userId);
  }

  async get(actor: Actor, projectId: string): Promise<Project> {
    const { project, role } = await this.access.require(actor, projectId, 'read');
    return toProject(project, role);
  }

  async update(actor: Actor, projectId: string, dto: UpdateProjectDto): Promise<Project> {
    const updated = await this.transactions.run(async (tx) => {
      const { project, role } = await this.access.require(actor, projectId, 'manageProject', tx);
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
      return toProject(await this.projects.save(project, tx), role);
    });
    const { role: _callersRole, ...project } = updated;
    this.events.emit('project.updated', { project });
    return updated;
  }

  /**
   * Erases the project; members and documents go with it (ON DELETE CASCADE).
   * Its audit entries stay, anonymised in the same transaction (no titles,
   * names or addresses: they could name informants), and the deletion itself
   * is recorded there without the project's name.
   */
  async remove(actor: Actor, projectId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const { project } = await this.access.require(actor, projectId, 'manageProject', tx);
      const auditEntries = await this.audit.anonymiseProject(tx, project.id);
      await this.projects.delete(project.id, tx);
      await this.audit.log('project.delete', { projectId: project.id, auditEntries }, { actor, tx });
    });
    this.events.emit('project.deleted', { projectId, reason: 'owner' });
  }
}
