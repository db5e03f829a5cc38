import { Injectable } from '@nestjs/common';
import {
  may,
  type Permission,
  type PermissionSettings,
  type PermissionViewer,
  type ProjectRole,
} from '@tolk/contracts';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from './memberships.repository.js';
import type { ProjectEntity } from './project.entity.js';

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
  constructor(private readonly memberships: MembershipsRepository) {}

  async require(actor: Actor, projectId: string, permission: Permission, tx?: Tx): Promise<ProjectAccess> {
    const access = await this.find(actor, projectId, tx);
    if (!access) throw notFound('Project');
    this.check(access, permission);
    return access;
  }

  /** 403 unless the member's role grants the permission. */
  check(access: ProjectAccess, permission: Permission): void {
    if (!this.allows(access, permission))
      throw forbidden('role_forbidden', `Your role (${access.role}) may not do this`, { role: access.role });
  }

  /** The table in `@tolk/contracts`, read with the project's settings. */
  allows(access: ProjectAccess, permission: Permission): boolean {
    return may(access.role, permission, access.project.settings);
  }

  /** The caller's role and the project, or undefined for a non-member or missing project. */
  async find(actor: Actor, projectId: string, tx?: Tx): Promise<ProjectAccess | undefined> {
    // Guard: TypeORM matches every row when a where value is undefined.
    if (!isUuid(projectId) || !isUuid(actor.userId)) return undefined;
    return (await this.memberships.access(projectId, actor.userId, tx)) ?? undefined;
  }

  /**
   * Who is in the project, with their roles and the project's settings, in
   * one query: what the live layers need to work out who is told of a
   * change (`codingAudience` in `@tolk/contracts`). Undefined for a project
   * that does not exist (every project keeps at least one owner).
   */
  async audience(projectId: string): Promise<ProjectAudience | undefined> {
    if (!isUuid(projectId)) return undefined;
    return (await this.memberships.audience(projectId)) ?? undefined;
  }
}
