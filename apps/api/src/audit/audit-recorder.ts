import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { AuthenticatedRequest } from '../platform/actor.js';
import { currentRequest, type RequestWithId } from '../platform/request-context.js';
import type { AuditContext, AuditEntry } from './audit-events.js';
import { AuditRepository } from './audit.repository.js';

/**
 * The one writer of `audit_entries`, behind every way an entry is declared
 * (see audit-events.ts): `@Audited` routes, domain events after their
 * commit, and actions told with `AuditService.log`. Not exported from the
 * audit module: nothing else writes an entry.
 */
@Injectable()
export class AuditRecorder {
  constructor(private readonly entries: AuditRepository) {}

  async write(action: string, entry: AuditEntry, context: AuditContext = {}): Promise<void> {
    const request = (context.request === null ? undefined : (context.request ?? currentRequest())) as
      (IncomingMessage & Partial<AuthenticatedRequest & RequestWithId>) | undefined;
    const actor = context.actor === undefined ? request?.actor : context.actor;
    const documentId =
      entry.target?.type === 'document'
        ? entry.target.id
        : typeof entry.details?.documentId === 'string'
          ? entry.details.documentId
          : null;
    const userAgent = request?.headers['user-agent'];
    await this.entries.insert(
      {
        actorId: actor?.userId ?? null,
        projectId: entry.projectId ?? null,
        action: action.slice(0, 64),
        targetType: entry.target?.type.slice(0, 32) ?? null,
        targetId: entry.target?.id.slice(0, 64) ?? null,
        documentId,
        details: entry.details ?? {},
        ip: request ? (request.ip ?? request.socket?.remoteAddress ?? null) : null,
        userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
        requestId: request?.id ?? null,
      },
      context.tx,
    );
  }
}
