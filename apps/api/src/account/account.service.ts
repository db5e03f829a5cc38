import { Injectable } from '@nestjs/common';
import type { AccountExport } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { TokensService } from '../auth/tokens.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { normaliseEmail } from '../auth/users.js';
import { Transactions } from '../database/transactions.js';
import { InvitationsRepository } from '../invitations/invitations.repository.js';
import type { Actor } from '../platform/actor.js';
import { conflict, unauthenticated } from '../platform/domain-error.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { PersonalDataRepository } from './personal-data.repository.js';

/**
 * The caller's rights over their own data: a copy of everything (export) and
 * erasure. Erasure keeps the research others built on: codings, comments,
 * memos and edits stay, attributed to nobody (the foreign keys are
 * ON DELETE SET NULL); memberships go (CASCADE), and so do invitations
 * waiting for the account's address.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly personalData: PersonalDataRepository,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
    private readonly invitations: InvitationsRepository,
  ) {}

  async export(actor: Actor): Promise<AccountExport> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
    return {
      exportedAt: new Date().toISOString(),
      account: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() },
      ...(await this.personalData.of(user.id)),
    };
  }

  /**
   * Erases the account. Refused (409, naming them) while the caller is the
   * only owner of a project: the project must be handed over or deleted
   * first, or it would be left without anyone who may manage it.
   */
  async erase(actor: Actor): Promise<void> {
    await this.transactions.run(async (tx) => {
      const user = await this.users.lockById(actor.userId, tx);
      if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
      const soleOwned = await this.memberships.soleOwnedProjects(user.id, tx);
      if (soleOwned.length > 0) {
        throw conflict(
          'sole_owner',
          `You are the only owner of ${soleOwned.map((p) => `“${p.name}”`).join(', ')}: make another member owner or delete ${soleOwned.length === 1 ? 'it' : 'them'} first`,
          { projects: soleOwned },
        );
      }
      const projectIds = await this.memberships.projectIdsOf(user.id, tx);
      await this.audit.forgetPerson(tx, user.id, user.email);
      // Recorded without the request: its address would be the erased person's again.
      for (const projectId of projectIds) {
        await this.audit.log('member.remove', { projectId, userId: user.id }, { actor: null, request: null, tx });
      }
      await this.audit.log('account.erase', { userId: user.id }, { actor: null, request: null, tx });
      // Invitations waiting for this address name the erased person too.
      await this.invitations.deleteTo(normaliseEmail(user.email), tx);
      await this.users.delete(user.id, tx);
    });
    // The account is gone, so its tokens fail already; this closes its open connections everywhere.
    await this.tokens.revoke(actor.userId);
  }
}
