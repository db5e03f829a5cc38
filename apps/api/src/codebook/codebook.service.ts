import { Injectable } from '@nestjs/common';
import {
  canSeeCoding,
  type Code,
  type CodebookHistoryEntry,
  type CreateCodeRequest,
  lowestFreeShortcut,
  pickCodeColor,
  type UpdateCodeRequest,
} from '@tolk/contracts';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { conflict, invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, ProjectAccessService } from '../projects/project-access.service.js';
import type { CodeEventAction } from './code-event.entity.js';
import type { CodeEntity } from './code.entity.js';
import { toCode, toCodeWithRetirement } from './code.js';
import { CodesRepository } from './codes.repository.js';
import type { CreateCodeDto, UpdateCodeDto } from './dto/code.dto.js';

/** A change the owner made by accepting someone's proposal: its history names the proposer. */
export interface ProposalAttribution {
  proposalId: string;
  proposedById: string | null;
}

/**
 * The codebook: a tree of codes per project. Every change bumps the code's
 * version and is recorded as an event with actor and time; merged and
 * deleted codes are retired, not removed, so history can still name them.
 * What happens to codings (moved on merge, removed on a forced delete) is
 * the codings service's business: it is told through `CodeRetirement`.
 */
@Injectable()
export class CodebookService {
  constructor(
    private readonly transactions: Transactions,
    private readonly codes: CodesRepository,
    private readonly access: ProjectAccessService,
    private readonly events: DomainEvents,
  ) {}

  /** Active codes; with `includeRetired`, merged and deleted ones too (history names them). */
  async list(actor: Actor, projectId: string, includeRetired = false): Promise<Code[]> {
    await this.access.require(actor, projectId, 'read');
    const codes = await this.codes.list(projectId, includeRetired);
    return codes.map(includeRetired ? toCodeWithRetirement : toCode);
  }

  /** Every change of the codebook, oldest first, with who made it and (accepted proposals) who proposed it. */
  async history(actor: Actor, projectId: string): Promise<CodebookHistoryEntry[]> {
    await this.access.require(actor, projectId, 'read');
    return this.codes.history(projectId);
  }

  async create(actor: Actor, projectId: string, dto: CreateCodeDto): Promise<Code> {
    const code = await this.transactions.run(async (manager) => {
      await this.access.require(actor, projectId, 'manageCodebook', manager);
      return this.insert(manager, actor, projectId, dto);
    });
    this.events.emit('code.created', { projectId, code });
    return code;
  }

  /**
   * Adds a code inside the caller's transaction, after the caller checked
   * access (an import adds many in one). Emits nothing: the caller does once
   * the transaction committed.
   */
  async insert(
    manager: Tx,
    actor: Actor,
    projectId: string,
    dto: CreateCodeRequest,
    attribution?: ProposalAttribution,
  ): Promise<Code> {
    const parentId = dto.parentId ?? null;
    if (parentId) await this.activeCodeIn(manager, projectId, parentId, 'parentId');
    await this.refuseDuplicateName(manager, projectId, parentId, dto.name);
    await this.lockCodebook(projectId, manager);
    const saved = await this.codes.insert(
      {
        projectId,
        name: dto.name,
        color: (dto.color ?? pickCodeColor(await this.codes.activeColors(projectId, manager))).toLowerCase(),
        description: dto.description ?? '',
        whenToUse: dto.whenToUse ?? '',
        whenNotToUse: dto.whenNotToUse ?? '',
        parentId,
        shortcut: lowestFreeShortcut(await this.codes.takenShortcuts(projectId, manager)),
      },
      manager,
    );
    await this.record(
      manager,
      saved,
      'created',
      actor,
      { name: saved.name, color: saved.color, parentId },
      saved.version,
      attribution,
    );
    return toCode(saved);
  }

  async update(actor: Actor, codeId: string, dto: UpdateCodeDto): Promise<Code> {
    const { projectId, code } = await this.transactions.run((manager) => this.updateIn(manager, actor, codeId, dto));
    this.events.emit('code.updated', { projectId, code });
    return code;
  }

  /** A code's change inside the caller's transaction; the caller emits `code.updated` once it committed. */
  async updateIn(
    manager: Tx,
    actor: Actor,
    codeId: string,
    dto: UpdateCodeRequest,
    attribution?: ProposalAttribution,
  ): Promise<{ projectId: string; code: Code }> {
    const entity = await this.load(manager, actor, codeId, 'manageCodebook');
    if (dto.version !== undefined && dto.version !== entity.version) {
      throw conflict(
        'stale_version',
        `This code was changed by someone else (now version ${entity.version}); reload and try again`,
        { version: entity.version },
      );
    }
    const changes: [CodeEventAction, Record<string, string | null>][] = [];
    if (dto.parentId !== undefined && dto.parentId !== entity.parentId) {
      if (dto.parentId !== null) {
        await this.activeCodeIn(manager, entity.projectId, dto.parentId, 'parentId');
        if (await this.codes.isSelfOrDescendant(entity.id, dto.parentId, manager)) {
          throw invalid('code_parent_cycle', 'parentId must not be the code itself or one of its sub-codes');
        }
      }
      changes.push(['moved', { from: entity.parentId, to: dto.parentId }]);
      entity.parentId = dto.parentId;
    }
    if (dto.name !== undefined && dto.name !== entity.name) {
      changes.push(['renamed', { from: entity.name, to: dto.name }]);
      entity.name = dto.name;
    }
    if (changes.some(([action]) => action === 'moved' || action === 'renamed')) {
      await this.refuseDuplicateName(manager, entity.projectId, entity.parentId, entity.name, entity.id);
    }
    if (dto.color !== undefined && dto.color.toLowerCase() !== entity.color) {
      changes.push(['recoloured', { from: entity.color, to: dto.color.toLowerCase() }]);
      entity.color = dto.color.toLowerCase();
    }
    if (dto.description !== undefined && dto.description !== entity.description) {
      changes.push(['described', { from: entity.description, to: dto.description }]);
      entity.description = dto.description;
    }
    for (const field of ['whenToUse', 'whenNotToUse'] as const) {
      const to = dto[field];
      if (to !== undefined && to !== entity[field]) {
        changes.push(['defined', { field, from: entity[field], to }]);
        entity[field] = to;
      }
    }
    if (dto.exampleCodingId !== undefined && dto.exampleCodingId?.toLowerCase() !== entity.exampleCodingId) {
      const quote = dto.exampleCodingId ? await this.exampleQuote(manager, actor, entity, dto.exampleCodingId) : '';
      const to = dto.exampleCodingId?.toLowerCase() ?? null;
      changes.push(['exemplified', { from: entity.exampleCodingId, to, quote }]);
      entity.exampleCodingId = to;
      entity.exampleQuote = quote;
    }
    if (dto.shortcut !== undefined && dto.shortcut !== entity.shortcut) {
      if (dto.shortcut !== null) await this.refuseTakenShortcut(manager, entity, dto.shortcut);
      changes.push(['rekeyed', { from: entity.shortcut, to: dto.shortcut }]);
      entity.shortcut = dto.shortcut;
    }
    if (changes.length > 0) {
      entity.version += 1;
      await this.codes.save(entity, manager);
      for (const [action, data] of changes)
        await this.record(manager, entity, action, actor, data, entity.version, attribution);
    }
    return { projectId: entity.projectId, code: toCode(entity) };
  }

  /**
   * Retires a code (merged into another, or deleted). Its sub-codes move to
   * `newParentId`; `onCodings` moves or removes the codings in the same
   * transaction.
   */
  async retire(
    actor: Actor,
    codeId: string,
    how: { action: 'merged'; intoCodeId: string } | { action: 'deleted' },
    onCodings: (manager: Tx, code: CodeEntity, target: CodeEntity | undefined) => Promise<void>,
    within?: { tx: Tx; attribution?: ProposalAttribution },
  ): Promise<{ projectId: string; retired: Code; changed: Code[] }> {
    const attribution = within?.attribution;
    const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
      within ? work(within.tx) : this.transactions.run(work);
    return run(async (manager) => {
      const code = await this.load(manager, actor, codeId, 'manageCodebook');
      let target: CodeEntity | undefined;
      if (how.action === 'merged') {
        if (how.intoCodeId.toLowerCase() === code.id)
          throw invalid('merge_into_self', 'intoCodeId must be another code');
        target = await this.activeCodeIn(manager, code.projectId, how.intoCodeId, 'intoCodeId');
      }
      await onCodings(manager, code, target);

      // Sub-codes go to the target (merge) or up one level (delete).
      const changed: CodeEntity[] = [];
      const newParentId = target ? target.id : code.parentId;
      const children = await this.codes.activeChildren(code.id, manager);
      for (const child of children) {
        // The target itself may be a sub-code of what it absorbs: it takes the retired code's place.
        const parentId = child.id === target?.id ? code.parentId : newParentId;
        await this.refuseDuplicateName(manager, code.projectId, parentId, child.name, child.id);
        await this.record(
          manager,
          child,
          'moved',
          actor,
          { from: child.parentId, to: parentId },
          child.version + 1,
          attribution,
        );
        child.parentId = parentId;
        child.version += 1;
        await this.codes.save(child, manager);
        changed.push(child);
      }
      code.retiredAt = new Date();
      code.mergedIntoId = target?.id ?? null;
      // A retired code gives its key up for the others.
      code.shortcut = null;
      code.version += 1;
      await this.codes.save(code, manager);
      await this.record(manager, code, how.action, actor, target ? { into: target.id } : {}, code.version, attribution);
      return { projectId: code.projectId, retired: toCode(code), changed: changed.map(toCode) };
    });
  }

  /**
   * Stores a change made to a code on a person's behalf by another part of
   * the server (a snapshot restore) as a new version, inside its transaction.
   */
  async saveVersion(
    manager: Tx,
    code: CodeEntity,
    action: CodeEventAction,
    actor: Actor,
    data: Record<string, string | null>,
  ): Promise<Code> {
    if (code.retiredAt) code.shortcut = null;
    else if (action === 'restored' && code.shortcut === null) {
      // A code brought back takes a free key, as a new one would.
      await this.lockCodebook(code.projectId, manager);
      code.shortcut = lowestFreeShortcut(await this.codes.takenShortcuts(code.projectId, manager));
    }
    code.version += 1;
    await this.codes.save(code, manager);
    await this.record(manager, code, action, actor, data);
    return toCode(code);
  }

  /**
   * The words of `codingId` as `code`'s example quote: it must be a current
   * coding of that code which the actor can see (blind coding hides others'),
   * else 400 `example_not_of_code`.
   */
  async exampleQuote(
    manager: Tx,
    actor: Actor,
    code: Pick<CodeEntity, 'id' | 'projectId'>,
    codingId: string,
  ): Promise<string> {
    const coding = isUuid(codingId)
      ? await this.codes.exampleCandidate(code.projectId, codingId.toLowerCase(), manager)
      : null;
    const access = coding ? await this.access.find(actor, code.projectId, manager) : undefined;
    if (
      !coding ||
      !access ||
      coding.codeId !== code.id ||
      !canSeeCoding({ userId: actor.userId, role: access.role }, coding, access.project.settings)
    )
      throw invalid('example_not_of_code', 'exampleCodingId must be a current coding of this code that you can see');
    return coding.quote;
  }

  /** A code of the caller's project that they may act on; a foreign or missing one is a 404 alike. */
  async load(manager: Tx, actor: Actor, codeId: string, permission: Permission): Promise<CodeEntity> {
    const code = isUuid(codeId) ? await this.codes.lockById(codeId.toLowerCase(), manager) : null;
    const access = code ? await this.access.find(actor, code.projectId, manager) : undefined;
    if (!code || !access || code.retiredAt) throw notFound('Code');
    this.access.check(access, permission);
    return code;
  }

  /** An active code of this project, or a 400 naming the field. */
  async activeCodeIn(manager: Tx, projectId: string, codeId: string, field: string): Promise<CodeEntity> {
    const code = isUuid(codeId) ? await this.codes.findInProject(projectId, codeId.toLowerCase(), manager) : null;
    if (!code || code.retiredAt)
      throw invalid('code_not_in_project', `${field} must be a code of this project`, { field });
    return code;
  }

  private async refuseDuplicateName(
    manager: Tx,
    projectId: string,
    parentId: string | null,
    name: string,
    exceptId?: string,
  ): Promise<void> {
    if (await this.codes.nameTaken({ projectId, parentId, name, exceptId }, manager))
      throw conflict('duplicate_name', `A code named "${name}" already exists here`, { name });
  }

  private async refuseTakenShortcut(manager: Tx, code: CodeEntity, shortcut: string): Promise<void> {
    await this.lockCodebook(code.projectId, manager);
    const holder = await this.codes.shortcutHolder(code.projectId, shortcut, code.id, manager);
    if (holder)
      throw conflict('shortcut_taken', `The key ${shortcut} already belongs to the code "${holder.name}"`, {
        shortcut,
        name: holder.name,
      });
  }

  private async record(
    manager: Tx,
    code: CodeEntity,
    action: CodeEventAction,
    actor: Actor,
    data: Record<string, string | null>,
    version = code.version,
    attribution?: ProposalAttribution,
  ): Promise<void> {
    await this.codes.recordEvent(
      {
        code,
        action,
        version,
        data,
        actorId: actor.userId,
        proposedById: attribution?.proposedById ?? null,
        proposalId: attribution?.proposalId ?? null,
      },
      manager,
    );
  }

  /**
   * Serialises the changes of one project's codebook that pick from what the
   * other codes have (a new code's key and colour) until `tx` ends, so two
   * codes made at once never take the same key.
   */
  private lockCodebook(projectId: string, tx: Tx): Promise<void> {
    return this.transactions.lock(`codebook:${projectId}`, tx);
  }
}
