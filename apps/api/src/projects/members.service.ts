import { Injectable } from '@nestjs/common';
import type { Member, ProjectRole } from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { conflict, invalid, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from './memberships.repository.js';
import { ProjectAccessService } from './project-access.service.js';
import { ProjectsRepository } from './projects.repository.js';

@Injectable()
export class MembersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly projects: ProjectsRepository,
    private readonly users: UsersRepository,
    private readonly access: ProjectAccessService,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor, projectId: string): Promise<Member[]> {
    await this.access.require(actor, projectId, 'read');
    return this.memberships.members(projectId);
  }

  /**
   * Adds by user id someone who already shares a project with the owner (so
   * the id says nothing new); anyone else, and ownership, goes through an
   * invitation the person accepts. An unknown id is the 404 of a missing member.
   */
  async addKnown(actor: Actor, projectId: string, userId: string, role: ProjectRole): Promise<Member> {
    if (role === 'owner')
      throw invalid('owner_needs_acceptance', 'Ownership is only given by an invitation the person accepts');
    const member = await this.transactions.run(async (tx) => {
      await this.lockProject(tx, actor, projectId);
      const [theirs, mine] = await Promise.all([
        this.memberships.projectIdsOf(userId, tx),
        this.memberships.projectIdsOf(actor.userId, tx),
      ]);
      const person = theirs.some((id) => mine.includes(id)) ? (await this.users.people([userId], tx)).at(0) : undefined;
      if (!person) throw notFound('Member');
      if (await this.memberships.exists(projectId, userId, tx)) {
        throw conflict('already_member', `${person.name} is already a member of this project`, { name: person.name });
      }
      await this.memberships.insert([{ projectId, userId, role }], tx);
      return { userId, email: person.email, name: person.name, role };
    });
    this.events.emit('member.changed', { projectId, userId: member.userId, role: member.role });
    return member;
  }

  async changeRole(actor: Actor, projectId: string, userId: string, role: ProjectRole): Promise<Member> {
    const member = await this.transactions.run(async (tx) => {
      await this.lockProject(tx, actor, projectId);
      const membership = await this.findMembership(tx, projectId, userId);
      if (membership.role === 'owner' && role !== 'owner') await this.refuseLastOwner(tx, projectId);
      await this.memberships.setRole(projectId, userId, role, tx);
      return { ...membership, role };
    });
    this.events.emit('member.changed', { projectId, userId, role });
    return member;
  }

  /** The owner removes anyone; any member may leave. The last owner may not. */
  async remove(actor: Actor, projectId: string, userId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const leaving = actor.userId === userId;
      await this.lockProject(tx, actor, projectId, leaving);
      const membership = await this.findMembership(tx, projectId, userId);
      if (membership.role === 'owner') await this.refuseLastOwner(tx, projectId);
      await this.memberships.delete(projectId, userId, tx);
    });
    this.events.emit('member.changed', { projectId, userId, role: null });
  }

  /**
   * Checks the caller's right, then locks the project row: member changes of
   * one project run one at a time, so two owners demoting each other at once
   * cannot leave the project without an owner.
   */
  private async lockProject(tx: Tx, actor: Actor, projectId: string, selfService = false): Promise<void> {
    // Lock first, then check the role: the check must see the committed
    // outcome of a concurrent change, not the state before it.
    if (isUuid(projectId)) await this.projects.lockById(projectId, tx);
    await this.access.require(actor, projectId, selfService ? 'read' : 'manageMembers', tx);
  }

  private async findMembership(tx: Tx, projectId: string, userId: string): Promise<Member> {
    const membership = isUuid(userId) ? await this.memberships.member(projectId, userId, tx) : null;
    if (!membership) throw notFound('Member');
    return membership;
  }

  private async refuseLastOwner(tx: Tx, projectId: string): Promise<void> {
    if ((await this.memberships.countOwners(projectId, tx)) <= 1) {
      throw conflict('last_owner', 'A project needs an owner: make someone else owner first, or delete the project');
    }
  }
}
