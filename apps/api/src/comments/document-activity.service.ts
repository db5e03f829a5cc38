import { Injectable } from '@nestjs/common';
import type { DocumentActivity } from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { UpdateLogRepository } from '../documents/update-log.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Actor } from '../platform/actor.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { CommentsRepository } from './comments.repository.js';

/**
 * What the document list shows beside each transcript: open threads, the
 * caller's unread notifications about it, and its last change and by whom.
 * The last change counts edits of the text and comments, not codings: with
 * blind coding on, "Kari coded here at 10:02" would tell what it hides.
 * Who is in it now comes live from presence (socket.io), not from here.
 */
@Injectable()
export class DocumentActivityService {
  constructor(
    private readonly access: ProjectAccessService,
    private readonly documents: DocumentsRepository,
    private readonly updateLog: UpdateLogRepository,
    private readonly comments: CommentsRepository,
    private readonly notifications: NotificationsService,
    private readonly users: UsersRepository,
  ) {}

  async list(actor: Actor, projectId: string): Promise<DocumentActivity[]> {
    await this.access.require(actor, projectId, 'read');
    const ids = await this.documents.idsOf(projectId);
    const [edits, commented, open, unread] = await Promise.all([
      this.updateLog.lastEdits(ids),
      this.comments.lastChanges(projectId),
      this.comments.openThreadCounts(projectId),
      this.notifications.unreadByDocument(actor, projectId),
    ]);
    const last = new Map<string, { at: Date; userId: string | null }>();
    for (const id of ids) {
      const found = [edits.get(id), commented.get(id)]
        .filter((c) => c !== undefined)
        .sort((a, b) => b.at.getTime() - a.at.getTime());
      if (found.length > 0) last.set(id, found[0]);
    }
    const people = await this.users.people([...last.values()].flatMap((l) => (l.userId ? [l.userId] : [])));
    const names = new Map(people.map((p) => [p.id, p.name]));
    return ids.map((documentId) => {
      const change = last.get(documentId);
      return {
        documentId,
        openComments: open.get(documentId) ?? 0,
        unreadForMe: unread.get(documentId) ?? 0,
        lastChange: change
          ? {
              at: change.at.toISOString(),
              by: { id: change.userId, name: change.userId ? (names.get(change.userId) ?? null) : null },
            }
          : null,
      };
    });
  }
}
