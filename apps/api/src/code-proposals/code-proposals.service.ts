import { Injectable } from '@nestjs/common';
import type { Code, CodeProposal, UpdateCodeRequest } from '@tolk/contracts';
import { CodebookService, type ProposalAttribution } from '../codebook/codebook.service.js';
import { CodeRetirementService } from '../codings/code-retirement.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { type NotifyInput, NotificationsService } from '../notifications/notifications.service.js';
import type { Actor } from '../platform/actor.js';
import { conflict, invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import type { CodeProposalEntity } from './code-proposal.entity.js';
import { CodeProposalsRepository } from './code-proposals.repository.js';
import type { CreateCodeProposalDto } from './dto/code-proposal.dto.js';

/** What a kind of proposal must name (checked before anything is stored). */
const NEEDS: Record<CodeProposal['kind'], readonly ('codeId' | 'intoCodeId' | 'name')[]> = {
  create: ['name'],
  rename: ['codeId', 'name'],
  merge: ['codeId', 'intoCodeId'],
  describe: ['codeId'],
};

/** The definition fields a `describe` proposal changes (at least one of them). */
const DEFINITION = ['description', 'whenToUse', 'whenNotToUse', 'exampleCodingId'] as const;

/**
 * Proposed codebook changes. Anyone who may propose (`proposeCodebookChange`:
 * the supervisor, coders, the owner) files one; the owner
 * (`decideCodebookProposals`) accepts it, which applies the change as the
 * owner's own codebook change naming the proposer, or declines it. The owner
 * is told of a proposal and the proposer of the decision by a notification
 * written in the same transaction; the project hears of both live.
 */
@Injectable()
export class CodeProposalsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: CodeProposalsRepository,
    private readonly access: ProjectAccessService,
    private readonly memberships: MembershipsRepository,
    private readonly codebook: CodebookService,
    private readonly retirement: CodeRetirementService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor, projectId: string): Promise<CodeProposal[]> {
    await this.access.require(actor, projectId, 'read');
    return this.proposals.list(projectId);
  }

  async propose(actor: Actor, projectId: string, dto: CreateCodeProposalDto): Promise<CodeProposal> {
    const { proposal, pending } = await this.transactions.run(async (tx) => {
      await this.access.require(actor, projectId, 'proposeCodebookChange', tx);
      for (const field of NEEDS[dto.kind])
        if (dto[field] === undefined)
          throw invalid('proposal_incomplete', `A ${dto.kind} proposal needs ${field}`, { field });
      if (dto.kind === 'describe' && DEFINITION.every((field) => dto[field] === undefined))
        throw invalid('proposal_incomplete', 'A describe proposal needs description (or another definition field)', {
          field: 'description',
        });
      const code = dto.codeId ? await this.codebook.activeCodeIn(tx, projectId, dto.codeId, 'codeId') : undefined;
      const describes = dto.kind === 'create' || dto.kind === 'describe';
      const exampleCodingId = dto.kind === 'describe' ? (dto.exampleCodingId?.toLowerCase() ?? null) : null;
      // The proposer must be able to see the coding they propose; its words are kept as they are now.
      const exampleQuote =
        code && exampleCodingId ? await this.codebook.exampleQuote(tx, actor, code, exampleCodingId) : null;
      if (dto.intoCodeId) await this.codebook.activeCodeIn(tx, projectId, dto.intoCodeId, 'intoCodeId');
      if (dto.kind === 'merge' && dto.codeId?.toLowerCase() === dto.intoCodeId?.toLowerCase())
        throw invalid('merge_into_self', 'intoCodeId must be another code');
      const parentId = dto.kind === 'create' ? (dto.parentId ?? null) : null;
      if (parentId) await this.codebook.activeCodeIn(tx, projectId, parentId, 'parentId');
      const id = await this.proposals.insert(
        {
          projectId,
          kind: dto.kind,
          codeId: dto.codeId?.toLowerCase() ?? null,
          intoCodeId: dto.kind === 'merge' ? (dto.intoCodeId?.toLowerCase() ?? null) : null,
          name: dto.kind === 'create' || dto.kind === 'rename' ? (dto.name ?? null) : null,
          description: dto.kind === 'create' || dto.kind === 'describe' ? (dto.description ?? null) : null,
          parentId: parentId?.toLowerCase() ?? null,
          whenToUse: describes ? (dto.whenToUse ?? null) : null,
          whenNotToUse: describes ? (dto.whenNotToUse ?? null) : null,
          exampleCodingId,
          exampleQuote,
          note: dto.note?.trim() ?? '',
          proposedById: actor.userId,
        },
        tx,
      );
      const owners = (await this.memberships.members(projectId, tx)).filter((m) => m.role === 'owner');
      const pending = await this.notifications.notify(tx, {
        ...this.about(projectId, id),
        kind: 'proposal',
        recipients: owners.map((m) => m.userId),
        actorId: actor.userId,
      });
      return { proposal: (await this.proposals.read(id, tx))!, pending };
    });
    this.notifications.deliver(pending);
    this.events.emit('codeProposal.created', { proposal });
    return proposal;
  }

  /** The owner applies the proposed change as their own, naming the proposer in the codebook's history. */
  async accept(actor: Actor, proposalId: string): Promise<CodeProposal> {
    return this.decide(actor, proposalId, 'accepted');
  }

  async decline(actor: Actor, proposalId: string): Promise<CodeProposal> {
    return this.decide(actor, proposalId, 'declined');
  }

  private async decide(actor: Actor, proposalId: string, status: 'accepted' | 'declined'): Promise<CodeProposal> {
    const { proposal, pending, announce } = await this.transactions.run(async (tx) => {
      const entity = isUuid(proposalId) ? await this.proposals.lockById(proposalId.toLowerCase(), tx) : null;
      const access = entity ? await this.access.find(actor, entity.projectId, tx) : undefined;
      if (!entity || !access) throw notFound('Code proposal');
      this.access.check(access, 'decideCodebookProposals');
      if (entity.status !== 'open')
        throw conflict('proposal_decided', `This proposal was ${entity.status} already`, { status: entity.status });
      const announce = status === 'accepted' ? await this.apply(tx, actor, entity) : () => undefined;
      entity.status = status;
      entity.decidedById = actor.userId;
      entity.decidedAt = new Date();
      await this.proposals.save(entity, tx);
      const pending = await this.notifications.notify(tx, {
        ...this.about(entity.projectId, entity.id),
        kind: 'proposal-decided',
        recipients: entity.proposedById ? [entity.proposedById] : [],
        actorId: actor.userId,
      });
      return { proposal: (await this.proposals.read(entity.id, tx))!, pending, announce };
    });
    announce();
    this.notifications.deliver(pending);
    this.events.emit('codeProposal.updated', { proposal });
    return proposal;
  }

  /**
   * Carries the change out inside the deciding transaction (so a change that
   * is refused, e.g. a name taken since, leaves the proposal open) and answers
   * what to announce once it committed.
   */
  private async apply(tx: Tx, actor: Actor, p: CodeProposalEntity): Promise<() => void> {
    const attribution: ProposalAttribution = { proposalId: p.id, proposedById: p.proposedById };
    const projectId = p.projectId;
    const announceCode = (event: 'code.created' | 'code.updated', code: Code) => () =>
      this.events.emit(event, { projectId, code });
    switch (p.kind) {
      case 'create': {
        const code = await this.codebook.insert(
          tx,
          actor,
          projectId,
          {
            name: p.name ?? '',
            description: p.description ?? undefined,
            whenToUse: p.whenToUse ?? undefined,
            whenNotToUse: p.whenNotToUse ?? undefined,
            parentId: p.parentId,
          },
          attribution,
        );
        p.resultCodeId = code.id;
        return announceCode('code.created', code);
      }
      case 'rename':
      case 'describe': {
        const codeId = (await this.codebook.activeCodeIn(tx, projectId, p.codeId ?? '', 'codeId')).id;
        const change: UpdateCodeRequest =
          p.kind === 'rename'
            ? { name: p.name ?? '' }
            : {
                ...(p.description !== null ? { description: p.description } : {}),
                ...(p.whenToUse !== null ? { whenToUse: p.whenToUse } : {}),
                ...(p.whenNotToUse !== null ? { whenNotToUse: p.whenNotToUse } : {}),
                ...(p.exampleCodingId !== null ? { exampleCodingId: p.exampleCodingId } : {}),
              };
        const { code } = await this.codebook.updateIn(tx, actor, codeId, change, attribution);
        p.resultCodeId = code.id;
        return announceCode('code.updated', code);
      }
      case 'merge': {
        const codeId = (await this.codebook.activeCodeIn(tx, projectId, p.codeId ?? '', 'codeId')).id;
        const announce = await this.retirement.mergeWithin(actor, codeId, p.intoCodeId ?? '', { tx, attribution });
        p.resultCodeId = p.intoCodeId;
        return announce;
      }
    }
  }

  private about(projectId: string, proposalId: string): Pick<NotifyInput, 'projectId' | 'data'> {
    return { projectId, data: { proposalId } };
  }
}
