import { Injectable } from '@nestjs/common';
import type { ProjectRole, ProjectSettings } from '@tolk/contracts';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from './memberships.repository.js';
import type { ProjectEntity } from './project.entity.js';

/** What a caller may do, by role. One table, read by every service. */
export type Permission =
  | 'read'
  | 'editText'
  | 'manageDocuments'
  | 'deleteDocuments'
  | 'manageProject'
  | 'manageMembers'
  | 'manageCodebook'
  | 'code'
  | 'comment'
  | 'readAudit'
  | 'managePseudonyms'
  | 'readAgreement'
  | 'takeSnapshots'
  | 'restoreSnapshots'
  | 'manageDeadlines';

export interface ProjectAccess {
  project: ProjectEntity;
  role: ProjectRole;
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
    if (!may(access.role, permission, access.project))
      throw forbidden('role_forbidden', `Your role (${access.role}) may not do this`, { role: access.role });
  }

  /** The caller's role and the project, or undefined for a non-member or missing project. */
  async find(actor: Actor, projectId: string, tx?: Tx): Promise<ProjectAccess | undefined> {
    // Guard: TypeORM matches every row when a where value is undefined.
    if (!isUuid(projectId) || !isUuid(actor.userId)) return undefined;
    return (await this.memberships.access(projectId, actor.userId, tx)) ?? undefined;
  }
}

export function may(role: ProjectRole, permission: Permission, project: ProjectEntity): boolean {
  switch (permission) {
    case 'read':
      return true;
    case 'editText':
    case 'manageDocuments':
      return mayEditText(role, project.settings);
    case 'deleteDocuments':
    case 'manageProject':
    case 'manageMembers':
    case 'readAudit':
    case 'managePseudonyms':
      return role === 'owner';
    // docs/api.md, "Who may do what": supervisors may only propose codebook changes (not built yet).
    case 'manageCodebook':
      return role === 'owner' || role === 'coder';
    case 'code':
    case 'comment':
      return role !== 'viewer';
    // Agreement figures are counts, not codings: while coding is blind the owner and the supervisor may follow them.
    case 'readAgreement':
      return !project.settings.blindCoding || role === 'owner' || role === 'supervisor';
    // docs/api.md, "Who may do what": owner and supervisor take snapshots; a supervisor sets the
    // hand-in deadlines too (they follow the thesis plan); only the owner restores.
    case 'takeSnapshots':
    case 'manageDeadlines':
      return role === 'owner' || role === 'supervisor';
    case 'restoreSnapshots':
      return role === 'owner';
  }
}

/** Viewers never edit text; supervisors only when the project allows it. */
export function mayEditText(role: ProjectRole, settings: ProjectSettings): boolean {
  return role === 'owner' || role === 'coder' || (role === 'supervisor' && settings.supervisorCanEditText);
}
