import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { Invitation, Notification } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n, type TranslationKey } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { InvitationAnswer, type InvitationAnswered } from '../projects/invitation-answer';
import { ProjectsApi } from '../projects/projects.api';
import { Icon } from '../shared/ui/icon';
import { InboxStore } from './inbox.store';
import { TogetherApi } from './together.api';
import { loadState } from '../shared/load-state';

/** Where a notification leads, as a router link. */
interface Target {
  link: string[];
  query: Record<string, string> | null;
}

const WHAT: Record<Notification['kind'], TranslationKey> = {
  mention: 'inbox.kind.mention',
  reply: 'inbox.kind.reply',
  proposal: 'inbox.kind.proposal',
  'proposal-decided': 'inbox.kind.proposal-decided',
  'deadline-snapshot': 'inbox.kind.deadline-snapshot',
  invitation: 'inbox.kind.invitation',
  'recording-deadline': 'inbox.kind.recording-deadline',
};

/**
 * The signed-in user's notifications, newest first. Opening one marks it
 * read and goes to what it is about (a comment: its transcript with the
 * thread open at its passage); "Mark all read" empties the count.
 */
@Component({
  selector: 'tolk-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, Icon, TranslocoDirective, InvitationAnswer],
  template: `<ng-container *transloco="let t">
    <div class="inbox-header">
      <h1>{{ t('inbox.heading') }}</h1>
      @if (inbox.unread() > 0) {
        <button mat-stroked-button type="button" data-test="mark-all-read" (click)="markAll()">
          <tolk-icon name="check" />{{ t('inbox.markAll') }}
        </button>
      }
    </div>
    <p class="page-lead">{{ t('inbox.lead') }}</p>
    @switch (state()) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
      }
      @case ('failed') {
        <div class="form-error" role="alert">
          {{ t('inbox.loadFailed') }}
          <button mat-button type="button" (click)="load()">{{ t('action.retry') }}</button>
        </div>
      }
      @case ('ready') {
        @if (items().length === 0) {
          <p class="muted">{{ t('inbox.empty') }}</p>
        } @else {
          <ul class="notifications" [attr.aria-label]="t('inbox.heading')">
            @for (n of items(); track n.id) {
              <li class="notification" [class.notification--unread]="!n.readAt" data-test="notification">
                <a
                  class="notification__link"
                  [routerLink]="target(n).link"
                  [queryParams]="target(n).query"
                  (click)="opened(n)"
                >
                  @if (!n.readAt) {
                    <span class="dot" aria-hidden="true"></span>
                    <span class="visually-hidden">{{ t('inbox.unread') }}: </span>
                  }
                  <span class="what">{{ t(what(n), { name: n.actor?.name ?? t('coding.someone') }) }}</span>
                  <span class="where muted">
                    {{ n.projectName }}
                    @if (n.documentTitle) {
                      <span aria-hidden="true"> · </span>{{ n.documentTitle }}
                    }
                    <span aria-hidden="true"> · </span>{{ when(n) }}
                  </span>
                </a>
                @if (pendingOf(n); as invitation) {
                  <tolk-invitation-answer
                    class="invitation-actions"
                    data-test="invitation-actions"
                    wording="role"
                    [invitation]="invitation"
                    (answered)="answered(n, $event)"
                    (failed)="refreshInvitations()"
                  />
                }
              </li>
            }
          </ul>
        }
      }
    }
  </ng-container>`,
  styles: `
    :host {
      display: block;
      max-width: 46rem;
    }
    .inbox-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      flex-wrap: wrap;
    }
    .notifications {
      list-style: none;
      margin: 1rem 0 0;
      padding: 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .notification {
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .notification__link {
      display: grid;
      grid-template-columns: 1rem 1fr;
      gap: 0.125rem 0.5rem;
      padding: 0.75rem 0.5rem;
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      border-radius: 8px;
      &:hover {
        background: var(--mat-sys-surface-container-high);
      }
    }
    .what,
    .where {
      grid-column: 2;
    }
    .notification--unread .what {
      font-weight: 600;
    }
    .dot {
      grid-column: 1;
      grid-row: 1;
      align-self: center;
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: var(--mat-sys-primary);
    }
    .where {
      font: var(--mat-sys-body-small);
    }
    .invitation-actions {
      justify-content: flex-start;
      padding: 0 0.5rem 0.75rem 2rem;
    }
  `,
})
export class InboxPage {
  private readonly api = inject(TogetherApi);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);
  protected readonly inbox = inject(InboxStore);
  private readonly projects = inject(ProjectsApi);
  private readonly router = inject(Router);

  protected readonly items = signal<Notification[]>([]);
  /** The caller's invitations still waiting for an answer, by id (answered ones offer no buttons). */
  private readonly pending = signal<ReadonlyMap<string, Invitation>>(new Map());
  protected readonly state = loadState();
  private readonly ids = computed(() => new Set(this.items().map((n) => n.id)));

  constructor() {
    void this.load();
    // New ones arrive at the top while the page is open.
    effect(() => {
      const arrived = this.inbox.arrived();
      if (!arrived) return;
      untracked(() => {
        if (this.ids().has(arrived.id)) return;
        this.items.update((list) => [arrived, ...list]);
        if (arrived.kind === 'invitation') void this.refreshInvitations();
      });
    });
  }

  async load(): Promise<void> {
    await this.state.load(
      () => Promise.all([this.api.notifications(), this.projects.invitations()]),
      ([items, invitations]) => {
        this.pending.set(new Map(invitations.map((i) => [i.id, i])));
        this.items.set(items);
      },
    );
  }

  protected what(n: Notification): TranslationKey {
    return WHAT[n.kind];
  }

  protected when(n: Notification): string {
    return this.i18n.formatDateTime(n.createdAt);
  }

  protected target(n: Notification): Target {
    if (n.documentId && (n.kind === 'mention' || n.kind === 'reply')) {
      const comment = n.commentId ?? n.threadId;
      return { link: ['/documents', n.documentId], query: comment ? { comment } : null };
    }
    if (n.kind === 'deadline-snapshot' && n.snapshotId)
      return { link: ['/projects', n.projectId, 'snapshots', n.snapshotId], query: null };
    if (n.kind === 'invitation') return { link: ['/projects'], query: null };
    if (n.kind === 'proposal' || n.kind === 'proposal-decided')
      return { link: ['/projects', n.projectId], query: { tab: 'codebook' } };
    return { link: ['/projects', n.projectId], query: null };
  }

  /** Marked read on the way to what it is about (the link navigates on its own). */
  protected opened(n: Notification): void {
    if (n.readAt) return;
    const now = new Date().toISOString();
    this.items.update((list) => list.map((item) => (item.id === n.id ? { ...item, readAt: now } : item)));
    this.inbox.markRead([n.id]).catch(() => undefined);
  }

  protected pendingOf(n: Notification): Invitation | null {
    return (n.kind === 'invitation' && n.invitationId && this.pending().get(n.invitationId)) || null;
  }

  /** The server marked the invitation's notification read when it was answered. */
  protected async answered(n: Notification, { invitation, project }: InvitationAnswered): Promise<void> {
    const now = new Date().toISOString();
    this.pending.update((map) => new Map([...map].filter(([id]) => id !== invitation.id)));
    this.items.update((list) =>
      list.map((item) => (item.id === n.id && !item.readAt ? { ...item, readAt: now } : item)),
    );
    void this.inbox.refresh();
    if (project) await this.router.navigate(['/projects', project.id]);
  }

  protected async refreshInvitations(): Promise<void> {
    try {
      const invitations = await this.projects.invitations();
      this.pending.set(new Map(invitations.map((i) => [i.id, i])));
    } catch {
      // The buttons wait for the next load; the project list offers the invitation too.
    }
  }

  protected async markAll(): Promise<void> {
    try {
      await this.inbox.markRead('all');
      const now = new Date().toISOString();
      this.items.update((list) => list.map((item) => (item.readAt ? item : { ...item, readAt: now })));
    } catch (err) {
      this.notify.error('inbox.markFailed', err);
    }
  }
}
