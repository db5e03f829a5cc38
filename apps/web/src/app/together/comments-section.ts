import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { DocumentSummary, Member, ProjectCommentThread } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { DocumentsApi } from '../documents/documents.api';
import { ProjectsApi } from '../projects/projects.api';
import { Icon } from '../shared/ui/icon';
import { type ThreadQuery, TogetherApi } from './together.api';
import { loadState } from '../shared/load-state';

type Status = 'open' | 'resolved' | 'all';
/** Longest quote or comment shown in the list. */
const CLIP = 220;

/**
 * «Kommentarer»: every comment thread of the project in one list, newest
 * first, filtered by open or resolved, by person, by transcript and by
 * "mentions me"; each entry opens its transcript with the thread shown at
 * its passage.
 */
@Component({
  selector: 'tolk-comments-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    Icon,
    TranslocoDirective,
  ],
  template: `<ng-container *transloco="let t">
    <div class="section-header">
      <h2>{{ t('threads.heading') }}</h2>
    </div>
    <form class="filters" role="search" [attr.aria-label]="t('threads.filters')" (submit)="$event.preventDefault()">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ t('threads.status') }}</mat-label>
        <mat-select data-test="thread-status" [ngModel]="status()" name="status" (ngModelChange)="status.set($event)">
          <mat-option value="open">{{ t('threads.status.open') }}</mat-option>
          <mat-option value="resolved">{{ t('threads.status.resolved') }}</mat-option>
          <mat-option value="all">{{ t('threads.status.all') }}</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ t('threads.person') }}</mat-label>
        <mat-select [ngModel]="author()" name="author" (ngModelChange)="author.set($event)">
          <mat-option value="">{{ t('threads.everyone') }}</mat-option>
          @for (m of members(); track m.userId) {
            <mat-option [value]="m.userId">{{ m.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ t('threads.document') }}</mat-label>
        <mat-select [ngModel]="documentId()" name="document" (ngModelChange)="documentId.set($event)">
          <mat-option value="">{{ t('threads.allDocuments') }}</mat-option>
          @for (d of documents(); track d.id) {
            <mat-option [value]="d.id">{{ d.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-checkbox data-test="mentions-me" [checked]="mentionsMe()" (change)="mentionsMe.set($event.checked)">
        {{ t('threads.mentionsMe') }}
      </mat-checkbox>
    </form>

    @switch (state()) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
      }
      @case ('failed') {
        <div class="form-error" role="alert">
          {{ t('threads.loadFailed') }}
          <button mat-button type="button" (click)="load()">{{ t('action.retry') }}</button>
        </div>
      }
      @case ('ready') {
        <p class="muted count" role="status">{{ t('threads.count', { count: threads().length }) }}</p>
        @if (threads().length > 0) {
          <ul class="threads">
            @for (thread of threads(); track thread.id) {
              <li class="thread" [class.thread--resolved]="thread.resolved" data-test="project-thread">
                <a
                  class="thread__link"
                  [routerLink]="['/documents', thread.documentId]"
                  [queryParams]="{ comment: thread.id }"
                >
                  <span class="where">
                    <tolk-icon name="document" />{{ thread.documentTitle }}
                    @if (thread.resolved) {
                      <span class="badge">{{ t('threads.resolved') }}</span>
                    }
                  </span>
                  @if (thread.quote) {
                    <q class="quote">{{ clip(thread.quote) }}</q>
                  } @else if (thread.startAnchor === null) {
                    <span class="muted">{{ t('comments.wholeDocument') }}</span>
                  }
                  <span class="body"
                    ><strong>{{ thread.author.name ?? t('coding.someone') }}:</strong> {{ clip(thread.body) }}</span
                  >
                  <span class="muted meta">
                    {{ when(thread.createdAt) }}
                    @if (thread.replies.length) {
                      <span aria-hidden="true"> · </span>{{ t('threads.replies', { count: thread.replies.length }) }}
                    }
                  </span>
                </a>
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
      padding-top: 1rem;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
      margin-bottom: 1rem;
    }
    .threads {
      list-style: none;
      margin: 0;
      padding: 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .thread {
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .thread__link {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      padding: 0.75rem 0.5rem;
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      border-radius: 8px;
      &:hover {
        background: var(--mat-sys-surface-container-high);
      }
    }
    .thread--resolved .thread__link {
      color: var(--mat-sys-on-surface-variant);
    }
    .where {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      font: var(--mat-sys-label-large);
    }
    .quote {
      padding-left: 0.625rem;
      border-left: 3px solid var(--tolk-comment-color);
      font-family: var(--tolk-reading-font);
    }
    .meta {
      font: var(--mat-sys-body-small);
    }
    .badge {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
      font: var(--mat-sys-label-small);
    }
  `,
})
export class CommentsSection {
  private readonly api = inject(TogetherApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly projects = inject(ProjectsApi);
  private readonly events = inject(ProjectEvents);
  private readonly i18n = inject(I18n);

  readonly projectId = input.required<string>();

  protected readonly status = signal<Status>('open');
  protected readonly author = signal('');
  protected readonly documentId = signal('');
  protected readonly mentionsMe = signal(false);
  protected readonly threads = signal<ProjectCommentThread[]>([]);
  protected readonly members = signal<Member[]>([]);
  protected readonly documents = signal<DocumentSummary[]>([]);
  protected readonly state = loadState();

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => {
        this.projects.members(id).then(
          (m) => this.members.set(m),
          () => undefined,
        );
        this.documentsApi.list(id).then(
          (d) => this.documents.set(d),
          () => undefined,
        );
      });
    });
    effect(() => {
      const query: ThreadQuery = {
        status: this.status() === 'all' ? undefined : (this.status() as 'open' | 'resolved'),
        author: this.author() || undefined,
        documentId: this.documentId() || undefined,
        mentions: this.mentionsMe() ? 'me' : undefined,
      };
      this.projectId();
      untracked(() => void this.load(query));
    });
    // Someone comments, replies, resolves or deletes while the list is open: ask again.
    const again = (event: { projectId?: string }) => {
      if (event.projectId === this.projectId()) void this.load();
    };
    const stops = [
      this.events.on('comment:created', again),
      this.events.on('comment:updated', again),
      this.events.on('comment:deleted', again),
    ];
    inject(DestroyRef).onDestroy(() => stops.forEach((stop) => stop()));
  }

  private lastQuery: ThreadQuery = { status: 'open' };

  async load(query = this.lastQuery): Promise<void> {
    this.lastQuery = query;
    await this.state.load(
      () => this.api.threads(this.projectId(), query),
      (threads) => this.threads.set(threads),
      { quietly: this.state() === 'ready' },
    );
  }

  protected clip(text: string): string {
    const flat = text.replace(/\s+/gu, ' ').trim();
    return flat.length > CLIP ? `${flat.slice(0, CLIP - 1)}…` : flat;
  }

  protected when(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }
}
