import { Injectable } from '@nestjs/common';
import type { PseudonymApplyResult, PseudonymList } from '@tolk/contracts';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { CodingsService } from '../codings/codings.service.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { conflict, invalid } from '../platform/domain-error.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { PseudonymListDto } from './dto/pseudonyms.dto.js';
import { KeyListCipher, KeyListUnreadable } from './key-list-cipher.js';
import { findReplacements, type PseudonymEntry } from './pseudonym-matches.js';
import type { PseudonymListEntity } from './pseudonym-list.entity.js';
import { PseudonymListsRepository } from './pseudonym-lists.repository.js';

/**
 * Pseudonymisation (owner only): the project's key list, kept encrypted, and
 * its application to every transcript as Yjs edits on the owner's behalf,
 * through the live rooms, so connected editors see the names change, the
 * history shows who did it, and codings stay on their words. The audit log
 * records each use without the names.
 */
@Injectable()
export class PseudonymsService {
  private readonly cipher: KeyListCipher;

  constructor(
    private readonly lists: PseudonymListsRepository,
    private readonly documents: DocumentsRepository,
    private readonly access: ProjectAccessService,
    private readonly transcripts: LiveDocuments,
    private readonly codings: CodingsService,
    @InjectSettings() settings: RuntimeSettings,
  ) {
    this.cipher = new KeyListCipher(settings.pseudonymKey, settings.dataDir);
  }

  async read(actor: Actor, projectId: string): Promise<PseudonymList> {
    await this.access.require(actor, projectId, 'managePseudonyms');
    const row = await this.lists.find(projectId);
    if (!row) return { entries: [], updatedAt: null };
    return { entries: await this.decrypt(row), updatedAt: row.updatedAt.toISOString() };
  }

  async replace(actor: Actor, projectId: string, dto: PseudonymListDto): Promise<PseudonymList> {
    await this.access.require(actor, projectId, 'managePseudonyms');
    const entries = dto.entries.map(({ real, pseudonym }) => ({ real, pseudonym }));
    const reals = new Set<string>();
    for (const { real } of entries) {
      if (reals.has(real)) throw invalid('pseudonym_listed_twice', `"${real}" is listed twice`, { name: real });
      reals.add(real);
    }
    const { nonce, ciphertext } = await this.cipher.seal(projectId, JSON.stringify(entries));
    await this.lists.save({ projectId, nonce, ciphertext, updatedBy: actor.userId });
    return this.read(actor, projectId);
  }

  /** Destroys the key list on its own (the pseudonymised transcripts stay as they are). */
  async destroy(actor: Actor, projectId: string): Promise<{ existed: boolean }> {
    await this.access.require(actor, projectId, 'managePseudonyms');
    return { existed: await this.lists.delete(projectId) };
  }

  /** Replaces every real name in every transcript of the project, as the owner's edits. */
  async apply(actor: Actor, projectId: string): Promise<PseudonymApplyResult> {
    await this.access.require(actor, projectId, 'managePseudonyms');
    const row = await this.lists.find(projectId);
    if (!row) throw conflict('no_key_list', 'There is no key list to apply: save one first');
    const entries = await this.decrypt(row);
    const documentIds = await this.documents.idsOf(projectId);
    let documentsChanged = 0;
    let replacements = 0;
    for (const id of documentIds) {
      let made = 0;
      await this.transcripts.edit(id, projectId, actor.userId, (ytext) => {
        // From the end, so earlier offsets stay right. The pseudonym goes in
        // after the name and the name then goes: a coding that starts or ends
        // at the name then covers the pseudonym.
        for (const r of findReplacements(ytext.toString(), entries).reverse()) {
          ytext.insert(r.end, r.pseudonym);
          ytext.delete(r.start, r.end - r.start);
          made++;
        }
      });
      if (made > 0) {
        documentsChanged++;
        replacements += made;
        await this.codings.refresh(id);
      }
    }
    return { documentsChanged, replacements };
  }

  /**
   * Consent withdrawal: the key list forgets the names (real or pseudonym)
   * that occur in the erased transcript's texts and in none of the remaining
   * ones, so the list no longer maps the informant who withdrew. Inside the
   * caller's transaction; the owner's access was checked there. The number of
   * entries removed (a list the key cannot read is left alone: 0).
   */
  async forgetNamesOnlyIn(
    actor: Actor,
    projectId: string,
    erased: readonly string[],
    remaining: readonly string[],
    tx: Tx,
  ): Promise<number> {
    const row = await this.lists.find(projectId, tx);
    if (!row) return 0;
    let entries: PseudonymEntry[];
    try {
      entries = await this.decrypt(row);
    } catch {
      return 0;
    }
    const occurs = (name: string, texts: readonly string[]) =>
      name.trim() !== '' && texts.some((t) => findReplacements(t, [{ real: name, pseudonym: '' }]).length > 0);
    const kept = entries.filter(
      (e) =>
        !(occurs(e.real, erased) || occurs(e.pseudonym, erased)) ||
        occurs(e.real, remaining) ||
        occurs(e.pseudonym, remaining),
    );
    if (kept.length === entries.length) return 0;
    const { nonce, ciphertext } = await this.cipher.seal(projectId, JSON.stringify(kept));
    await this.lists.save({ projectId, nonce, ciphertext, updatedBy: actor.userId }, tx);
    return entries.length - kept.length;
  }

  private async decrypt(row: PseudonymListEntity): Promise<PseudonymEntry[]> {
    try {
      return JSON.parse(await this.cipher.open(row.projectId, row.nonce, row.ciphertext)) as PseudonymEntry[];
    } catch (error) {
      if (error instanceof KeyListUnreadable) throw conflict('key_list_unreadable', error.message);
      throw error;
    }
  }
}
