import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Injectable, computed, inject, signal } from '@angular/core';
import { type Anchor, createAnchor, encodeAnchor } from '@tolk/anchoring';
import type { Comment, CommentThread, Memo } from '@tolk/contracts';
import type { CollabSession } from '../core/collab/collab-session';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { allows, type ProjectAccessView } from '../projects/permissions';
import { AnchorResolver } from './anchor-resolver';
import { ResolveSchedule } from './resolve-schedule';
import { reloadOnReconnect } from './reload-on-reconnect';
import type { TextRange } from './coding.store';
import type { CommentMark } from './comment-marks';
import { CommentsApi } from './comments.api';
import { dropComment, sortThreads, upsertComment } from './comment-threads';
import { MatDialog } from '@angular/material/dialog';
import { confirm } from '../shared/ui/confirm-dialog';
import { TogetherApi } from '../together/together.api';
import { loadState } from '../shared/load-state';
import { Prefetch } from '../shared/prefetch';

/** A thread with where its passage is in the live text now. */
export interface PlacedThread {
  thread: CommentThread;
  /** `none`: on the whole document. */
  status: 'ok' | 'deleted' | 'unknown' | 'none';
  from: number;
  to: number;
  quote: string | null;
}

/** What a thread's card in the panel shows: no offsets (they move with every edit before the passage). */
export type ThreadCard = Pick<PlacedThread, 'thread' | 'status' | 'quote'>;

/** A passage picked for a new comment: anchored at once, so later edits cannot move it. */
export interface CommentTarget {
  anchor: Anchor;
  quote: string;
}

/**
 * The comment threads of the open transcript, kept current by REST answers
 * and `comment:*` events, anchored passages resolved against the live text
 * once per frame in which it changed.
 */
@Injectable()
export class CommentStore {
  private readonly api = inject(CommentsApi);
  private readonly events = inject(ProjectEvents);
  private readonly notify = inject(Notify);
  private readonly i18n = inject(I18n);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly dialog = inject(MatDialog);
  private readonly together = inject(TogetherApi);

  /** The caller's role and the project's settings (null until the project has loaded). */
  readonly access = signal<ProjectAccessView | null>(null);
  readonly threads = signal<readonly CommentThread[]>([]);
  readonly state = loadState();
  readonly canComment = computed(() => allows(this.access(), 'comment'));
  /** The owner may delete anyone's comment. */
  readonly isOwner = computed(() => this.access()?.role === 'owner');

  private readonly live = signal<CollabSession | null>(null);
  private readonly loaded = computed(() => this.live()?.loaded() ?? false);
  /** When to resolve the anchors again after the text changed (not on every keystroke). */
  private readonly schedule = new ResolveSchedule();
  /** Offsets exact as of now (resolves at once if the text changed since the last resolution). */
  readonly flushText = (): void => this.schedule.flush();
  private readonly resolver = new AnchorResolver();
  private documentId: string | null = null;
  private readonly early = new Prefetch<CommentThread[]>();

  readonly placed = computed<readonly PlacedThread[]>(() => {
    this.schedule.version();
    const threads = this.threads();
    const session = this.live();
    const results =
      session && this.loaded()
        ? this.resolver.resolve(session.doc, session.text, threads)
        : threads.map(() => ({ status: 'unknown' as const }));
    return threads.map((thread, i): PlacedThread => {
      if (!thread.startAnchor) return { thread, status: 'none', from: 0, to: 0, quote: null };
      const r = results[i];
      if (r.status === 'ok') return { thread, status: 'ok', from: r.start, to: r.end, quote: r.quote };
      return { thread, status: r.status, from: thread.start ?? 0, to: thread.end ?? 0, quote: thread.quote };
    });
  });

  /** Open threads: the whole document's first, then in the order of the text. */
  readonly open = computed(() => sortThreads(this.placed().filter((p) => !p.thread.resolved)));
  readonly resolved = computed(() => sortThreads(this.placed().filter((p) => p.thread.resolved)));
  /** Resolved threads are folded away, in the panel and in the text, until asked for. */
  readonly showResolved = signal(false);
  /** The commented passages the text marks: open threads, and resolved ones when shown. */
  readonly marks = computed<readonly CommentMark[]>(() =>
    this.placed()
      .filter((p) => p.status === 'ok' && (!p.thread.resolved || this.showResolved()))
      .map((p) => ({ threadId: p.thread.id, from: p.from, to: p.to, resolved: p.thread.resolved })),
  );

  /** The cards last handed out, by thread id. */
  private readonly cards = new Map<string, ThreadCard>();

  /**
   * A thread's card: the same object while the thread, its status and its
   * quote are unchanged, so that typing before a hundred commented passages
   * (which moves all their offsets) does not draw their cards again.
   */
  card(placed: PlacedThread): ThreadCard {
    const last = this.cards.get(placed.thread.id);
    if (last && last.thread === placed.thread && last.status === placed.status && last.quote === placed.quote)
      return last;
    const card: ThreadCard = { thread: placed.thread, status: placed.status, quote: placed.quote };
    this.cards.set(placed.thread.id, card);
    return card;
  }

  constructor() {
    reloadOnReconnect(
      this.events.connected,
      () => this.live() !== null,
      () => this.load(),
    );
  }

  start(projectId: string, documentId: string, session: CollabSession): () => void {
    this.live.set(session);
    this.documentId = documentId;
    const onText = (): void => this.schedule.changed();
    session.text.observe(onText);
    void this.load();

    const here = (c: { projectId?: string; documentId?: string }) =>
      c.projectId?.toLowerCase() === projectId.toLowerCase() &&
      c.documentId?.toLowerCase() === documentId.toLowerCase();
    const stops = [
      this.events.on('comment:created', (comment) => here(comment) && this.upsert(comment)),
      this.events.on('comment:updated', (comment) => here(comment) && this.upsert(comment)),
      this.events.on('comment:deleted', (deleted) => here(deleted) && this.drop(deleted.id)),
    ];
    return () => {
      this.schedule.stop();
      session.text.unobserve(onText);
      for (const stop of stops) stop();
      this.live.set(null);
      this.documentId = null;
      this.resolver.clear();
      this.cards.clear();
      this.threads.set([]);
      this.state.reset();
    };
  }

  /** Ask for a transcript's threads before `start`, while the page waits for the document. */
  prefetch(documentId: string): void {
    this.early.start(documentId, () => this.api.threads(documentId));
  }

  async load(): Promise<void> {
    const documentId = this.documentId;
    if (!documentId) return;
    await this.state.load(
      () => this.early.take(documentId, () => this.api.threads(documentId)),
      (threads) => this.threads.set(threads),
      { quietly: true },
    );
  }

  /** Anchor a passage of the live text now, for a comment written later. */
  target(range: TextRange): CommentTarget | null {
    const session = this.live();
    if (!session) return null;
    try {
      return {
        anchor: createAnchor(session.text, range.from, range.to),
        quote: session.text.toString().slice(range.from, range.to),
      };
    } catch {
      return null;
    }
  }

  /** A memo on the passage `range`, made now (empty); null when it could not be made (the user is told). */
  async createSegmentMemo(range: TextRange): Promise<Memo | null> {
    const documentId = this.documentId;
    const target = this.target(range);
    if (!documentId || !target) return null;
    try {
      return await this.api.createSegmentMemo(documentId, encodeAnchor(target.anchor));
    } catch (err) {
      this.notify.error('memo.createFailed', err);
      return null;
    }
  }

  async create(body: string, target: CommentTarget | null): Promise<Comment | null> {
    const documentId = this.documentId;
    if (!documentId) return null;
    try {
      const comment = await this.api.create(documentId, { body, ...(target ? encodeAnchor(target.anchor) : {}) });
      this.upsert(comment);
      this.announcer.announce(this.i18n.t('comments.posted'), 'polite');
      return comment;
    } catch (err) {
      this.notify.error('comments.postFailed', err);
      return null;
    }
  }

  async reply(thread: CommentThread, body: string): Promise<boolean> {
    const documentId = this.documentId;
    if (!documentId) return false;
    try {
      this.upsert(await this.api.create(documentId, { body, parentId: thread.id }));
      this.announcer.announce(this.i18n.t('comments.replied'), 'polite');
      return true;
    } catch (err) {
      this.notify.error('comments.postFailed', err);
      return false;
    }
  }

  async edit(comment: Comment, body: string): Promise<boolean> {
    try {
      this.upsert(await this.api.update(comment.id, { body }));
      return true;
    } catch (err) {
      this.notify.error('comments.saveFailed', err);
      return false;
    }
  }

  async setResolved(thread: CommentThread, resolved: boolean): Promise<void> {
    try {
      this.upsert(await this.api.update(thread.id, { resolved }));
      this.announcer.announce(this.i18n.t(resolved ? 'comments.resolvedNow' : 'comments.reopenedNow'), 'polite');
    } catch (err) {
      this.notify.error('comments.saveFailed', err);
    }
  }

  /** Deletes a comment (a thread's first one takes the thread); asks first. */
  async remove(comment: Comment): Promise<boolean> {
    const yes = await confirm(this.dialog, {
      title: 'comments.deleteConfirm.title',
      message: 'comments.deleteConfirm.message',
      confirm: 'action.delete',
      destructive: true,
    });
    if (!yes) return false;
    try {
      await this.together.deleteComment(comment.id);
      this.drop(comment.id);
      void this.announcer.announce(this.i18n.t('comments.deleted'), 'polite');
      return true;
    } catch (err) {
      this.notify.error('comments.deleteFailed', err);
      return false;
    }
  }

  private drop(id: string): void {
    this.threads.update((threads) => dropComment(threads, id));
  }

  private upsert(incoming: Comment): void {
    this.threads.update((threads) => upsertComment(threads, incoming));
  }
}
