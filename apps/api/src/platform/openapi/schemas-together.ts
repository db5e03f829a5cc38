import {
  type DocumentActivity,
  type Memo,
  type MemoHistory,
  type MemoSummary,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationSettings,
  type UnreadCount,
} from '@tolk/contracts';
import {
  flag,
  id,
  integer,
  list,
  model,
  nullable,
  oneOf,
  person,
  ref,
  type Schema,
  text,
  time,
} from './wire-schema.js';

const memoSummary = {
  id: id(),
  scope: oneOf(['project', 'document', 'code', 'segment']),
  targetId: id("the project's, document's or code's id; a segment memo's document"),
  title: text("the project's name, the document's title, the code's name or the segment's words"),
  updatedAt: nullable(time()),
  updatedBy: nullable(person),
  format: oneOf(['markdown'], 'the live text is the Y.Text `content`, Markdown'),
};

/** Working together when not online together: notifications, the project's comments, document activity, memos. */
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
  MemoSummary: model<MemoSummary>("A memo in the project's list", memoSummary),
  Memo: model<Memo>('A memo with its text (the plain text of its live Yjs document) and version', {
    ...memoSummary,
    body: text('Markdown'),
    version: text('changes with every change; give it back with a PUT'),
    segment: {
      type: 'object',
      nullable: true,
      description: "a segment memo's place, resolved against the text as it is now",
      properties: {
        start: integer(),
        end: integer(),
        quote: text(),
        startAnchor: text(),
        endAnchor: text(),
      },
      required: ['start', 'end', 'quote', 'startAnchor', 'endAnchor'],
    },
  }),
  MemoHistory: model<MemoHistory>('Who wrote what in a memo', {
    sessions: list(
      {
        type: 'object',
        properties: { userId: nullable(id()), name: nullable(text()), from: time(), to: time(), updates: integer() },
        required: ['userId', 'name', 'from', 'to', 'updates'],
      },
      'runs of edits by one person, newest first',
    ),
    authors: list(
      {
        type: 'object',
        properties: { userId: nullable(id()), name: nullable(text()), text: text() },
        required: ['userId', 'name', 'text'],
      },
      'the text as it is now in runs by who typed them',
    ),
  }),
} satisfies Record<string, Schema>;
