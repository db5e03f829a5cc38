import { Injectable, Logger } from '@nestjs/common';
import type { AuditContext } from '../../../audit/audit-events.js';
import { AuditService } from '../../../audit/audit.service.js';
import { memoIdOf } from '../../../documents/live-key.js';
import type { AuthenticatedContext, LiveChange, LiveExtension } from '../live-extension.js';

/**
 * The audit log on the live path: opening a transcript reads it
 * (`document.open`, recorded before any text is sent; a failure refuses the
 * connection), and each connection's first committed edit is a
 * `document.edit` (one entry per connection that edits, not per keystroke:
 * the update log has those). For a memo the same as `memo.open` and
 * `memo.edit`.
 */
@Injectable()
export class AuditExtension implements LiveExtension {
  readonly name = 'audit';
  readonly priority = 30;
  private readonly logger = new Logger('Collab');

  constructor(private readonly audit: AuditService) {}

  async afterAuthenticate({ user, projectId, documentId, request }: AuthenticatedContext): Promise<void> {
    await this.told('open', projectId, documentId, { actor: { userId: user.id }, request });
  }

  afterCommit({ origin, projectId, documentId }: LiveChange): void {
    if (origin.kind !== 'client' || !origin.connection.firstEdit()) return;
    this.told('edit', projectId, documentId, {
      actor: { userId: origin.connection.user.id },
      request: origin.connection.request ?? null,
    }).catch((error: unknown) => this.logger.error(`Could not record an edit in the audit log: ${String(error)}`));
  }

  /** The entry about a live document: a transcript, or a memo by its key. */
  private told(verb: 'open' | 'edit', projectId: string, key: string, context: AuditContext): Promise<void> {
    const memoId = memoIdOf(key);
    if (memoId !== undefined) return this.audit.log(`memo.${verb}`, { projectId, memoId }, context);
    return this.audit.log(`document.${verb}`, { projectId, documentId: key }, context);
  }
}
