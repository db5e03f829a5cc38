import { Injectable } from '@nestjs/common';
import { CodebookService, type ProposalAttribution } from '../codebook/codebook.service.js';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { CodingsService } from './codings.service.js';

/**
 * Merging and deleting codes: the codebook retires the code, and its codings
 * move to the target (merge) or are removed (forced delete), in one
 * transaction, each change a new attributed version.
 */
@Injectable()
export class CodeRetirementService {
  constructor(
    private readonly codebook: CodebookService,
    private readonly codings: CodingsService,
    private readonly events: DomainEvents,
  ) {}

  async merge(actor: Actor, codeId: string, intoCodeId: string): Promise<void> {
    (await this.mergeWithin(actor, codeId, intoCodeId))();
  }

  /**
   * The merge inside the caller's transaction when given one (an accepted
   * proposal), else in its own; answers what to announce once it committed.
   */
  async mergeWithin(
    actor: Actor,
    codeId: string,
    intoCodeId: string,
    within?: { tx: Tx; attribution?: ProposalAttribution },
  ): Promise<() => void> {
    let moved: Awaited<ReturnType<CodingsService['onCodeRetired']>> = [];
    const result = await this.codebook.retire(
      actor,
      codeId,
      { action: 'merged', intoCodeId },
      async (manager, code, target) => {
        moved = await this.codings.onCodeRetired(manager, actor, code.id, target, false);
      },
      within,
    );
    return () => this.announce(result, moved, 'coding.updated');
  }

  async remove(actor: Actor, codeId: string, force: boolean): Promise<void> {
    let removed: Awaited<ReturnType<CodingsService['onCodeRetired']>> = [];
    const result = await this.codebook.retire(actor, codeId, { action: 'deleted' }, async (manager, code) => {
      removed = await this.codings.onCodeRetired(manager, actor, code.id, undefined, force);
    });
    this.announce(result, removed, 'coding.deleted');
  }

  private announce(
    result: Awaited<ReturnType<CodebookService['retire']>>,
    codings: Awaited<ReturnType<CodingsService['onCodeRetired']>>,
    event: 'coding.updated' | 'coding.deleted',
  ): void {
    const { projectId } = result;
    this.events.emit('code.deleted', { projectId, codeId: result.retired.id });
    for (const code of result.changed) this.events.emit('code.updated', { projectId, code });
    for (const coding of codings) this.events.emit(event, { projectId, coding });
  }
}
