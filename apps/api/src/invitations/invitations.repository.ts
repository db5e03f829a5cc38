import { Injectable } from '@nestjs/common';
import type { Invitation, ProjectRole } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { InvitationEntity } from './invitation.entity.js';

const toInvitation = (i: InvitationEntity): Invitation => ({
  id: i.id,
  projectId: i.projectId,
  projectName: i.project?.name ?? '',
  role: i.role,
  invitedBy: { id: i.invitedBy, name: i.inviter?.name ?? null },
  createdAt: i.createdAt.toISOString(),
});

/** Every query of `invitations`. */
@Injectable()
export class InvitationsRepository extends Repo {
  /** Invites the address, or changes the role of its pending invitation; the invitation's id. */
  async upsert(projectId: string, email: string, role: ProjectRole, invitedBy: string, tx: Tx): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO invitations (project_id, email, role, invited_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id, email) DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by
       RETURNING id`,
      [projectId, email, role, invitedBy],
    );
    return row.id;
  }

  /** The pending invitations to this address, newest first. */
  async pendingFor(email: string): Promise<Invitation[]> {
    const rows = await this.manager().find(InvitationEntity, {
      where: { email },
      relations: { project: true, inviter: true },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toInvitation);
  }

  /** `id` must be a uuid. Locked until the transaction ends (accepting twice at once adds once). */
  findForUpdate(id: string, tx: Tx): Promise<InvitationEntity | null> {
    return tx.findOne(InvitationEntity, { where: { id: id.toLowerCase() }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every invitation to this (normalised) address: the address is the erased person's. */
  async deleteTo(email: string, tx: Tx): Promise<void> {
    await tx.delete(InvitationEntity, { email });
  }

  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(InvitationEntity, { id });
  }
}
