import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  may,
  type Permission,
  type PermissionSettings,
  type PermissionViewer,
  type ProjectRole,
} from '@tolk/contracts';
import { type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipEntity } from './membership.entity.js';
import { ProjectEntity } from './project.entity.js';

/** Kept here for the services that name it with their access checks; the table is in `@tolk/contracts`. */
export type { Permission } from '@tolk/contracts';

export interface ProjectAccess {
  project: ProjectEntity;
  role: ProjectRole;
}

/** A project's members with their roles, and the settings that change what those roles may do. */
export interface ProjectAudience {
  settings: PermissionSettings;
  members: PermissionViewer[];
}

/**
 * The gate in front of everything under a project. A caller who is not a
 * member gets exactly the 404 a missing project gets, so nobody learns that
 * a project exists; a member without the right role gets 403.
 */
@Injectable()
export class ProjectAccessService {
  constructor(@InjectRepository(MembershipEntity) private readonly members: Repository<MembershipEntity>) {}

  async require(
    actor: Actor,
    projectId: string,
    permission: Permission,
    manager?: EntityManager,
  ): Promise<ProjectAccess> {
    const access = await this.find(actor, projectId, manager);
    if (!access) throw notFound('Project');
    this.check(access, permission);
    return access;
  }

  /** 403 unless the member's role grants the permission. */
  check(access: ProjectAccess, permission: Permission): void {
    if (!this.allows(access, permission)) throw forbidden(`Your role (${access.role}) may not do this`);
  }

  /** The table in `@tolk/contracts`, read with the project's settings. */
  allows(access: ProjectAccess, permission: Permission): boolean {
    return may(access.role, permission, access.project.settings);
  }

  /** The caller's role and the project, or undefined for a non-member or missing project. */
  async find(actor: Actor, projectId: string, manager?: EntityManager): Promise<ProjectAccess | undefined> {
    // Guard: TypeORM matches every row when a where value is undefined.
    if (!isUuid(projectId) || !isUuid(actor.userId)) return undefined;
    const repository = manager ? manager.getRepository(MembershipEntity) : this.members;
    const membership = await repository.findOne({
      where: { projectId, userId: actor.userId },
      relations: { project: true },
    });
    if (!membership?.project) return undefined;
    return { project: membership.project, role: membership.role };
  }

  /**
   * Who is in the project, with their roles and the project's settings, in
   * one query: what the live layers need to work out who is told of a
   * change (`codingAudience` in `@tolk/contracts`). Undefined for a project
   * that does not exist (every project keeps at least one owner).
   */
  async audience(projectId: string): Promise<ProjectAudience | undefined> {
    if (!isUuid(projectId)) return undefined;
    const memberships = await this.members.find({
      where: { projectId },
      relations: { project: true },
      select: { userId: true, role: true, project: { id: true, settings: true } },
    });
    const settings = memberships[0]?.project?.settings;
    if (!settings) return undefined;
    return { settings, members: memberships.map((m) => ({ userId: m.userId, role: m.role })) };
  }
}
