import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Member, ProjectRole } from '@tolk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { normaliseEmail } from '../auth/users.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { conflict, DomainError, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import type { AddMemberDto } from './dto/project.dto.js';
import { MembershipEntity } from './membership.entity.js';
import { ProjectAccessService } from './project-access.service.js';
import { ProjectEntity } from './project.entity.js';

const toMember = (m: MembershipEntity & { user: UserEntity }): Member => ({
  userId: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
});

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor, projectId: string): Promise<Member[]> {
    await this.access.require(actor, projectId, 'read');
    const rows = await this.dataSource.getRepository(MembershipEntity).find({
      where: { projectId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    return rows.flatMap((m) => (m.user ? [toMember(m as MembershipEntity & { user: UserEntity })] : []));
  }

  async add(actor: Actor, projectId: string, dto: AddMemberDto): Promise<Member> {
    const member = await this.dataSource.transaction(async (manager) => {
      await this.lockProject(manager, actor, projectId);
      const user = await manager.findOneBy(UserEntity, { email: normaliseEmail(dto.email) });
      if (!user) throw new DomainError('unknown_account', 'No account has this email (they must register first)');
      if (await manager.existsBy(MembershipEntity, { projectId, userId: user.id })) {
        throw conflict('already_member', `${user.name} is already a member of this project`, { name: user.name });
      }
      await manager.insert(MembershipEntity, { projectId, userId: user.id, role: dto.role });
      return { userId: user.id, email: user.email, name: user.name, role: dto.role };
    });
    this.events.emit('member.changed', { projectId, userId: member.userId, role: member.role });
    return member;
  }

  async changeRole(actor: Actor, projectId: string, userId: string, role: ProjectRole): Promise<Member> {
    const member = await this.dataSource.transaction(async (manager) => {
      await this.lockProject(manager, actor, projectId);
      const membership = await this.findMembership(manager, projectId, userId);
      if (membership.role === 'owner' && role !== 'owner') await this.refuseLastOwner(manager, projectId);
      membership.role = role;
      await manager.update(MembershipEntity, { projectId, userId }, { role });
      return toMember(membership);
    });
    this.events.emit('member.changed', { projectId, userId, role });
    return member;
  }

  /** The owner removes anyone; any member may leave. The last owner may not. */
  async remove(actor: Actor, projectId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const leaving = actor.userId === userId;
      await this.lockProject(manager, actor, projectId, leaving);
      const membership = await this.findMembership(manager, projectId, userId);
      if (membership.role === 'owner') await this.refuseLastOwner(manager, projectId);
      await manager.delete(MembershipEntity, { projectId, userId });
    });
    this.events.emit('member.changed', { projectId, userId, role: null });
  }

  /**
   * Checks the caller's right, then locks the project row: member changes of
   * one project run one at a time, so two owners demoting each other at once
   * cannot leave the project without an owner.
   */
  private async lockProject(
    manager: EntityManager,
    actor: Actor,
    projectId: string,
    selfService = false,
  ): Promise<void> {
    // Lock first, then check the role: the check must see the committed
    // outcome of a concurrent change, not the state before it.
    if (isUuid(projectId)) {
      await manager
        .getRepository(ProjectEntity)
        .findOne({ where: { id: projectId }, lock: { mode: 'pessimistic_write' } });
    }
    await this.access.require(actor, projectId, selfService ? 'read' : 'manageMembers', manager);
  }

  private async findMembership(manager: EntityManager, projectId: string, userId: string) {
    const membership = isUuid(userId)
      ? await manager.findOne(MembershipEntity, { where: { projectId, userId }, relations: { user: true } })
      : null;
    if (!membership?.user) throw notFound('Member');
    return membership as MembershipEntity & { user: UserEntity };
  }

  private async refuseLastOwner(manager: EntityManager, projectId: string): Promise<void> {
    const owners = await manager.countBy(MembershipEntity, { projectId, role: 'owner' });
    if (owners <= 1) {
      throw conflict('last_owner', 'A project needs an owner: make someone else owner first, or delete the project');
    }
  }
}
