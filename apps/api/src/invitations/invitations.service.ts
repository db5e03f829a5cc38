import { Injectable } from '@nestjs/common';
import type { Invitation, InviteRequest, Project } from '@tolk/contracts';
import { normaliseEmail } from '../auth/users.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactions } from '../database/transactions.js';
import { NotificationsService, type PendingNotifications } from '../notifications/notifications.service.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { ProjectsRepository, toProject } from '../projects/projects.repository.js';
import { InvitationsRepository } from './invitations.repository.js';

/**
 * Membership by consent. The owner invites an email address; the answer is
 * the same whether or not an account has it, and whether or not that person
 * is a member already, so inviting cannot be used to find out who uses Tolk.
 * Someone with an account is told by an `invitation` notification (written in
 * the inviting transaction); someone without sees it on registering with that
 * address. Membership, ownership included, starts only when the invitee
 * accepts.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly projects: ProjectsRepository,
    private readonly users: UsersRepository,
    private readonly access: ProjectAccessService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  async invite(actor: Actor, projectId: string, dto: InviteRequest): Promise<void> {
    const email = normaliseEmail(dto.email);
    const pending = await this.transactions.run(async (tx): Promise<PendingNotifications | null> => {
      await this.access.require(actor, projectId, 'manageMembers', tx);
      const invitee = await this.users.findByEmail(email, tx);
      // A member already: nothing to do, and nothing said about it.
      if (invitee && (await this.memberships.exists(projectId, invitee.id, tx))) return null;
      const invitationId = await this.invitations.upsert(projectId, email, dto.role, actor.userId, tx);
      if (!invitee) return null;
      return this.notifications.notify(tx, {
        kind: 'invitation',
        projectId,
        recipients: [invitee.id],
        actorId: actor.userId,
        data: { invitationId },
      });
    });
    if (pending) this.notifications.deliver(pending);
  }

  /** The caller's pending invitations, newest first. */
  async mine(actor: Actor): Promise<Invitation[]> {
    const email = await this.emailOf(actor);
    return email ? this.invitations.pendingFor(email) : [];
  }

  /** The invitee joins with the invited role; answers the project as they now see it. */
  async accept(actor: Actor, invitationId: string): Promise<Project> {
    const { project, role } = await this.transactions.run(async (tx) => {
      const invitation = await this.ownInvitation(actor, invitationId, tx);
      await this.projects.lockById(invitation.projectId, tx);
      const existing = await this.memberships.access(invitation.projectId, actor.userId, tx);
      await this.invitations.delete(invitation.id, tx);
      await this.notifications.invitationAnswered(invitation.id, tx);
      if (existing) return { project: existing.project, role: existing.role, joined: false };
      await this.memberships.insert(
        [{ projectId: invitation.projectId, userId: actor.userId, role: invitation.role }],
        tx,
      );
      const joined = await this.memberships.access(invitation.projectId, actor.userId, tx);
      if (!joined) throw notFound('Invitation');
      return { project: joined.project, role: joined.role, joined: true };
    });
    this.events.emit('member.changed', { projectId: project.id, userId: actor.userId, role });
    return toProject(project, role);
  }

  async decline(actor: Actor, invitationId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const invitation = await this.ownInvitation(actor, invitationId, tx);
      await this.invitations.delete(invitation.id, tx);
      await this.notifications.invitationAnswered(invitation.id, tx);
    });
  }

  /** Only the invitee sees an invitation: anyone else gets the 404 of a missing one. */
  private async ownInvitation(actor: Actor, invitationId: string, tx: Parameters<InvitationsRepository['delete']>[1]) {
    const email = await this.emailOf(actor);
    const invitation = isUuid(invitationId) ? await this.invitations.findForUpdate(invitationId, tx) : null;
    if (!invitation || !email || invitation.email !== email) throw notFound('Invitation');
    return invitation;
  }

  private async emailOf(actor: Actor): Promise<string | null> {
    const person = (await this.users.people([actor.userId])).at(0);
    return person ? normaliseEmail(person.email) : null;
  }
}
