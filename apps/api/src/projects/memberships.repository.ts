import { Injectable } from '@nestjs/common';
import type { Member, ProjectRole, ProjectSettings, ProjectSummary } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { MembershipEntity } from './membership.entity.js';
import type { ProjectEntity } from './project.entity.js';

const toMember = (m: MembershipEntity): Member => ({
  userId: m.userId,
  email: m.user!.email,
  name: m.user!.name,
  role: m.role,
});

/** Every query of `project_members`. */
@Injectable()
export class MembershipsRepository extends Repo {
  /** The member's role and the project, or null for a non-member or a missing project. */
  async access(
    projectId: string,
    userId: string,
    tx?: Tx,
  ): Promise<{ project: ProjectEntity; role: ProjectRole } | null> {
    const membership = await this.manager(tx).findOne(MembershipEntity, {
      where: { projectId, userId },
      relations: { project: true },
    });
    return membership?.project ? { project: membership.project, role: membership.role } : null;
  }

  /** Every member's role, with the project's settings, in one query (null for a missing project). */
  async audience(
    projectId: string,
    tx?: Tx,
  ): Promise<{ settings: ProjectSettings; members: { userId: string; role: ProjectRole }[] } | null> {
    const rows = await this.manager(tx).find(MembershipEntity, {
      where: { projectId },
      relations: { project: true },
      select: { userId: true, role: true, project: { id: true, settings: true } },
    });
    const settings = rows[0]?.project?.settings;
    return settings ? { settings, members: rows.map((m) => ({ userId: m.userId, role: m.role })) } : null;
  }

  /** The user's projects, newest first. */
  async projectsOf(userId: string): Promise<ProjectSummary[]> {
    const rows = await this.manager().find(MembershipEntity, {
      where: { userId },
      relations: { project: true },
      order: { project: { createdAt: 'DESC' } },
    });
    return rows.flatMap(({ project, role }) =>
      project ? [{ id: project.id, name: project.name, description: project.description, role }] : [],
    );
  }

  /** The ids of the projects the user is a member of. */
  async projectIdsOf(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await this.manager(tx).find(MembershipEntity, { where: { userId }, select: { projectId: true } });
    return rows.map((r) => r.projectId);
  }

  /** The project's members, longest-standing first. */
  async members(projectId: string, tx?: Tx): Promise<Member[]> {
    const rows = await this.manager(tx).find(MembershipEntity, {
      where: { projectId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    return rows.filter((m) => m.user).map(toMember);
  }

  async member(projectId: string, userId: string, tx?: Tx): Promise<Member | null> {
    const row = await this.manager(tx).findOne(MembershipEntity, {
      where: { projectId, userId },
      relations: { user: true },
    });
    return row?.user ? toMember(row) : null;
  }

  /** The user ids of the project's owners. */
  async ownerIds(projectId: string, tx?: Tx): Promise<string[]> {
    const rows = await this.manager(tx).find(MembershipEntity, {
      where: { projectId, role: 'owner' },
      select: { userId: true },
    });
    return rows.map((r) => r.userId);
  }

  exists(projectId: string, userId: string, tx?: Tx): Promise<boolean> {
    return this.manager(tx).existsBy(MembershipEntity, { projectId, userId });
  }

  countOwners(projectId: string, tx?: Tx): Promise<number> {
    return this.manager(tx).countBy(MembershipEntity, { projectId, role: 'owner' });
  }

  async insert(rows: { projectId: string; userId: string; role: ProjectRole }[], tx?: Tx): Promise<void> {
    if (rows.length > 0) await this.manager(tx).insert(MembershipEntity, rows);
  }

  async setRole(projectId: string, userId: string, role: ProjectRole, tx?: Tx): Promise<void> {
    await this.manager(tx).update(MembershipEntity, { projectId, userId }, { role });
  }

  async delete(projectId: string, userId: string, tx?: Tx): Promise<void> {
    await this.manager(tx).delete(MembershipEntity, { projectId, userId });
  }

  /** The projects of which the user is the only owner, by name. */
  soleOwnedProjects(userId: string, tx?: Tx): Promise<{ id: string; name: string }[]> {
    return this.manager(tx).query(
      `SELECT p.id, p.name FROM project_members me JOIN projects p ON p.id = me.project_id
        WHERE me.user_id = $1 AND me.role = 'owner'
          AND NOT EXISTS (SELECT 1 FROM project_members o WHERE o.project_id = me.project_id AND o.role = 'owner' AND o.user_id <> $1)
        ORDER BY p.name`,
      [userId],
    );
  }
}
