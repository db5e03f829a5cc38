import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Comment, Member } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { initials, userColor } from '../core/realtime/user-color';
import { CommentStore, type ThreadCard } from './comment.store';
import { MentionInput } from './mention-input';

/** Text and `@Name` mentions, so mentions can be set apart. */
interface Piece {
  text: string;
  mention: boolean;
}

/** One thread: the passage it is about, the comments, a reply box, resolve and reopen. */
@Component({
  selector: 'tolk-comment-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MentionInput, TranslocoDirective],
  templateUrl: './comment-thread.html',
  styleUrl: './comment-thread.scss',
})
export class CommentThreadView {
  protected readonly store = inject(CommentStore);
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);

  readonly placed = input.required<ThreadCard>();
  readonly members = input<readonly Member[]>([]);
  readonly selected = input(false);
  /** Scroll to the passage and highlight it. */
  readonly show = output();

  protected readonly replying = signal(false);
  protected readonly reply = signal('');
  protected readonly editing = signal<string | null>(null);
  protected readonly editText = signal('');
  protected readonly busy = signal(false);
  protected readonly thread = computed(() => this.placed().thread);
  protected readonly comments = computed<readonly Comment[]>(() => [this.thread(), ...this.thread().replies]);
  protected readonly me = computed(() => this.auth.user()?.id ?? null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** Resolving or reopening moves the thread to the other list: the panel puts focus somewhere sensible. */
  readonly moved = output<{ threadId: string; how: 'resolved' | 'reopened' | 'deleted' }>();

  constructor() {
    // A thread opened from elsewhere (a mark in the text, a notification) comes into view in the panel.
    effect(() => {
      if (this.selected())
        afterNextRender(() => this.host.nativeElement.scrollIntoView({ block: 'nearest' }), {
          injector: this.injector,
        });
    });
  }

  /** Whether the caller may delete this comment: its author, or the project's owner. */
  protected canDelete(comment: Comment): boolean {
    return (
      (comment.author.id !== null && comment.author.id === this.me() && this.store.canComment()) || this.store.isOwner()
    );
  }

  protected async remove(comment: Comment): Promise<void> {
    const threadId = this.thread().id;
    if (!(await this.store.remove(comment))) return;
    if (comment.id === threadId) this.moved.emit({ threadId, how: 'deleted' });
    else this.focusIn('[data-focus="reply-start"]');
  }

  /** Focus an element of this thread once it is drawn (after the control that had focus went away). */
  private focusIn(selector: string, fallback = '.thread'): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        (root.querySelector<HTMLElement>(selector) ?? root.querySelector<HTMLElement>(fallback))?.focus();
      },
      { injector: this.injector },
    );
  }

  protected cancelReply(): void {
    this.replying.set(false);
    this.focusIn('[data-focus="reply-start"]');
  }

  protected pieces(body: string): Piece[] {
    const names = this.members()
      .flatMap((m) => [m.name, m.name.split(/\s+/u)[0]])
      .filter((n) => n && n.length > 1)
      .sort((a, b) => b.length - a.length);
    const out: Piece[] = [];
    let rest = body;
    for (let at = rest.indexOf('@'); at !== -1; at = rest.indexOf('@')) {
      const after = rest.slice(at + 1).toLocaleLowerCase();
      const name = names.find(
        (n) => after.startsWith(n.toLocaleLowerCase()) && !/^[\p{L}\p{N}]/u.test(after.slice(n.length)),
      );
      const boundary = at === 0 || !/[\p{L}\p{N}._-]/u.test(rest[at - 1]);
      if (!name || !boundary) {
        out.push({ text: rest.slice(0, at + 1), mention: false });
        rest = rest.slice(at + 1);
        continue;
      }
      if (at > 0) out.push({ text: rest.slice(0, at), mention: false });
      out.push({ text: rest.slice(at, at + 1 + name.length), mention: true });
      rest = rest.slice(at + 1 + name.length);
    }
    if (rest) out.push({ text: rest, mention: false });
    return out;
  }

  protected initialsOf(name: string | null): string {
    return initials(name ?? '?');
  }

  protected colorOf(id: string | null): string {
    return userColor(id ?? 'unknown').color;
  }

  protected when(comment: Comment): string {
    return this.i18n.formatDateTime(comment.createdAt);
  }

  protected edited(comment: Comment): boolean {
    return Date.parse(comment.updatedAt) - Date.parse(comment.createdAt) > 1000 && !comment.resolved;
  }

  protected startReply(): void {
    this.replying.set(true);
    this.focusIn(`#${CSS.escape(this.replyId())}`);
  }

  protected replyId(): string {
    return `tolk-reply-${this.thread().id}`;
  }

  protected async sendReply(): Promise<void> {
    const body = this.reply().trim();
    if (!body || this.busy()) return;
    this.busy.set(true);
    if (await this.store.reply(this.thread(), body)) {
      this.reply.set('');
      this.replying.set(false);
      // The reply box is gone: focus returns to the «Reply» button of this thread, not to the page.
      this.focusIn('[data-focus="reply-start"]');
    }
    this.busy.set(false);
  }

  protected startEdit(comment: Comment): void {
    this.editing.set(comment.id);
    this.editText.set(comment.body);
    this.focusIn(`#${CSS.escape(`tolk-edit-${comment.id}`)}`);
  }

  protected async saveEdit(comment: Comment): Promise<void> {
    const body = this.editText().trim();
    if (!body) return;
    if (await this.store.edit(comment, body)) this.cancelEdit(comment);
  }

  protected cancelEdit(comment: Comment): void {
    this.editing.set(null);
    this.focusIn(`[data-edit="${comment.id}"]`);
  }

  protected async toggleResolved(): Promise<void> {
    const resolved = !this.thread().resolved;
    await this.store.setResolved(this.thread(), resolved);
    this.moved.emit({ threadId: this.thread().id, how: resolved ? 'resolved' : 'reopened' });
  }
}
