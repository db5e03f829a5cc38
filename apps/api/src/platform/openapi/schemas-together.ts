import {
  type DocumentActivity,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationSettings,
  type UnreadCount,
} from '@tolk/contracts';
import { flag, id, integer, model, nullable, oneOf, person, ref, type Schema, text, time } from './wire-schema.js';

/** Working together when not online together: notifications, the project's comments, document activity. */
export const TOGETHER_SCHEMAS = {
  Notification: model<Notification>(
    'A notification of the caller; comment notifications name the comment and its thread, never their text',
    {
      id: id(),
      kind: oneOf(NOTIFICATION_KINDS),
      projectId: id(),
      projectName: text(),
      documentId: nullable(id()),
      documentTitle: nullable(text()),
      commentId: nullable(id('for a reply, the reply')),
      threadId: nullable(id("the thread's first comment")),
      actor: { ...person, nullable: true, description: 'null when the server did it (a deadline)' },
      createdAt: time(),
      readAt: nullable(time()),
      invitationId: id(),
      proposalId: id(),
      snapshotId: id(),
    },
    ['invitationId', 'proposalId', 'snapshotId'],
  ),
  UnreadCount: model<UnreadCount>('Unread notifications of the caller', { count: integer() }),
  NotificationSettings: model<NotificationSettings>(
    'Which kinds of notification the caller receives',
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, flag()])) as Record<keyof NotificationSettings, Schema>,
  ),
  ProjectCommentThread: {
    description: 'A thread with the title of its transcript.',
    allOf: [
      ref('CommentThread'),
      { type: 'object', properties: { documentTitle: text() }, required: ['documentTitle'] },
    ],
  },
  DocumentActivity: model<DocumentActivity>('What the document list shows beside a transcript', {
    documentId: id(),
    openComments: integer('threads not resolved'),
    unreadForMe: integer("the caller's unread notifications about it"),
    lastChange: {
      type: 'object',
      nullable: true,
      description: 'the last edit of its text or comments',
      properties: { at: time(), by: person },
      required: ['at', 'by'],
    },
  }),
} satisfies Record<string, Schema>;
