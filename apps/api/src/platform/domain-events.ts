import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type {
  Code,
  CodeProposal,
  Coding,
  Comment,
  CommentDeletedEvent,
  Deadline,
  DocumentSummary,
  MentionEvent,
  Notification,
  Project,
  ProjectRole,
  SnapshotSummary,
} from '@tolk/contracts';
import { EventEmitter } from 'node:events';

/** What happened, told after the transaction that did it has committed. */
export interface DomainEventMap {
  'document.created': { projectId: string; document: DocumentSummary };
  'document.updated': { projectId: string; document: DocumentSummary };
  /** `erased`: on withdrawn consent (POST …/erase), which audits itself. */
  'document.deleted': { projectId: string; documentId: string; erased?: boolean };
  /**
   * Live edits to a transcript's text were committed (codings' offsets may
   * have moved): by this instance, or (`elsewhere`) by another instance and
   * applied to this one's copy.
   */
  'document.textChanged': { projectId: string; documentId: string; elsewhere: boolean };
  'project.created': { project: Omit<Project, 'role'> };
  'project.updated': { project: Omit<Project, 'role'> };
  /** `retention`: erased because its retention date came; `owner`: by its owner. Both erasures log themselves. */
  'project.deleted': { projectId: string; reason: 'retention' | 'owner' };
  'code.created': { projectId: string; code: Code };
  'code.updated': { projectId: string; code: Code };
  /** Retired: merged into another code or deleted. */
  'code.deleted': { projectId: string; codeId: string };
  'codeProposal.created': { proposal: CodeProposal };
  'codeProposal.updated': { proposal: CodeProposal };
  /** `batchId`: part of a "code all hits" batch, which `coding.batch` announces as a whole. */
  'coding.created': { projectId: string; coding: Coding; batchId?: string };
  'coding.updated': { projectId: string; coding: Coding };
  'coding.deleted': { projectId: string; coding: Coding; batchId?: string };
  /** A "code all hits" batch was made or undone (after its codings' own events). */
  'coding.batch': { projectId: string; batchId: string; kind: 'created' | 'deleted'; codings: Coding[] };
  'comment.created': { projectId: string; comment: Comment };
  'comment.updated': { projectId: string; comment: Comment };
  /** A comment (with its replies, for a thread's first comment) was deleted. */
  'comment.deleted': { projectId: string; comment: CommentDeletedEvent };
  /** Stored for `userId` (sent to their own connections). */
  'notification.created': { userId: string; notification: Notification };
  /** Unread notifications of `userId` were taken back. */
  'notification.withdrawn': { userId: string; ids: string[] };
  /** A member was named in a comment. */
  'comment.mention': { userId: string; mention: MentionEvent };
  'snapshot.created': { projectId: string; snapshot: SnapshotSummary };
  'deadline.created': { projectId: string; deadline: Deadline };
  'deadline.deleted': { projectId: string; deadlineId: string };
  /** The account's tokens were revoked (sign-out, password change, erasure): its connections close. */
  'user.sessionsRevoked': { userId: string };
  /** A member was added, changed role (`role`) or left (`role` null). */
  'member.changed': { projectId: string; userId: string; role: ProjectRole | null };
}

type Listener<K extends keyof DomainEventMap> = (event: DomainEventMap[K]) => void | Promise<void>;

export interface ListenOptions {
  /**
   * Also hear what happened on the other api instances (relayed through
   * Redis). For effects on this instance's own connections, such as closing
   * the live-text connections of a removed member. Fan-out to socket.io
   * clients needs no relay: the socket.io Redis adapter does it.
   */
  fromEveryInstance?: boolean;
}

/**
 * In-process bus from the services (which own transactions) to the realtime
 * layers (which tell connected clients). A failing listener is logged and
 * never fails the request that emitted.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly emitter = new EventEmitter();
  /** Listeners that also hear other instances' events. */
  private readonly everywhere = new EventEmitter();

  emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    this.call(name, event, [...this.emitter.listeners(name), ...this.everywhere.listeners(name)] as Listener<K>[]);
  }

  /** An event another instance emitted (see ListenOptions). */
  emitFromElsewhere<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    this.call(name, event, this.everywhere.listeners(name) as Listener<K>[]);
  }

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<K>, options: ListenOptions = {}): () => void {
    const emitter = options.fromEveryInstance ? this.everywhere : this.emitter;
    emitter.on(name, listener);
    return () => emitter.off(name, listener);
  }

  private call<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K], listeners: Listener<K>[]): void {
    for (const listener of listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.fail(name, error));
      } catch (error) {
        this.fail(name, error);
      }
    }
  }

  private fail(name: string, error: unknown): void {
    this.logger.error(
      `A ${name} listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
