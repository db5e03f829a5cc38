import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type { Project } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { errorStatus } from '../core/http/api-error';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { DocumentsSection } from '../documents/documents-section';
import { ExchangeApi } from '../exchange/exchange.api';
import { Icon } from '../shared/ui/icon';
import { RoleBadge } from '../shared/ui/role-badge';
import { MembersSection } from './members-section';
import { allows } from './permissions';
import { ProjectSettingsSection } from './project-settings';
import { ProjectsApi } from './projects.api';
import { NextDeadline } from '../snapshots/next-deadline';
import { RetentionReminder } from '../retention/retention-reminder';
import { TimelineSection } from '../snapshots/timeline-section';
import { CommentsSection } from '../together/comments-section';
import { MemosSection } from '../memos/memos-section';
import { CodebookSection } from '../codebook/codebook-section';
import { loadState } from '../shared/load-state';

const TABS = ['documents', 'codebook', 'comments', 'memos', 'timeline', 'members', 'settings'] as const;
type Tab = (typeof TABS)[number];

@Component({
  selector: 'tolk-project-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    MatTabsModule,
    Icon,
    RoleBadge,
    DocumentsSection,
    MembersSection,
    ProjectSettingsSection,
    NextDeadline,
    RetentionReminder,
    TimelineSection,
    CommentsSection,
    MemosSection,
    CodebookSection,
    TranslocoDirective,
  ],
  templateUrl: './project.page.html',
  styleUrl: './project.page.scss',
})
export class ProjectPage {
  private readonly api = inject(ProjectsApi);
  private readonly pageTitle = inject(PageTitle);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly events = inject(ProjectEvents);
  private readonly notify = inject(Notify);
  private readonly exchange = inject(ExchangeApi);

  /** From the route (`projects/:projectId`). */
  readonly projectId = input.required<string>();
  /** `?tab=members`: the open tab survives a reload and can be linked to. */
  readonly tab = input<string>();

  protected readonly project = signal<Project | null>(null);
  protected readonly state = loadState<'missing'>();
  protected readonly isOwner = computed(() => allows(this.project(), 'manageProject'));
  protected readonly tabs = computed<readonly Tab[]>(() =>
    this.isOwner() ? TABS : TABS.filter((tab) => tab !== 'settings'),
  );
  protected readonly tabIndex = computed(() => Math.max(0, this.tabs().indexOf(this.tab() as Tab)));

  constructor() {
    // The same page instance is reused when moving between projects.
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
    // Live changes by others: settings and name, roles, deletion.
    effect((onCleanup) => {
      const id = this.projectId();
      untracked(() => {
        const leave = this.events.join(id);
        const stops = [
          this.events.on('project:updated', (changed) => {
            if (changed.id !== id) return;
            this.project.update((current) => (current ? { ...current, ...changed, role: current.role } : current));
            if (this.project()) this.pageTitle.setText(this.project()!.name);
          }),
          this.events.on('member:changed', ({ projectId, userId }) => {
            // One's own role may have changed (or one was removed): ask again.
            if (projectId === id && userId === this.auth.user()?.id) void this.reload(id);
          }),
          this.events.on('project:deleted', (deleted) => {
            if (deleted.id === id) this.state.set('missing');
          }),
          // A deadline has passed: its snapshot is there to open.
          this.events.on('snapshot:created', (snapshot) => {
            if (snapshot.projectId !== id || snapshot.kind !== 'deadline') return;
            this.notify.withAction(
              'timeline.deadlineTaken',
              'timeline.open',
              () => {
                void this.router.navigate(['/projects', id, 'snapshots', snapshot.id]);
              },
              { name: snapshot.name },
            );
          }),
          // Someone named me in a comment: a toast that leads to the transcript.
          this.events.on('mention', (mention) => {
            if (mention.by.id === this.auth.user()?.id) return;
            this.notify.withAction(
              'comments.mentioned',
              'comments.show',
              () => {
                void this.router.navigate(['/documents', mention.documentId], {
                  queryParams: { comment: mention.commentId },
                });
              },
              { name: mention.by.name },
            );
          }),
        ];
        onCleanup(() => {
          stops.forEach((stop) => stop());
          leave();
        });
      });
    });
  }

  /** Fetch again without the loading bar; a 404 now means we were removed. */
  private async reload(id: string): Promise<void> {
    try {
      const project = await this.api.get(id);
      if (id !== this.projectId()) return;
      this.project.set(project);
    } catch (err) {
      if (id === this.projectId() && errorStatus(err) === 404) this.state.set('missing');
    }
  }

  protected async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      const project = await this.api.get(id);
      this.project.set(project);
      this.pageTitle.setText(project.name);
      this.state.set('ready');
    } catch (err) {
      // 404 also covers "not a member": the server never says which.
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  protected readonly exporting = signal(false);
  /** The owner's tick: the interview recordings go along in the .qdpx (off until ticked, every time the page opens). */
  protected readonly exportRecordings = signal(false);

  /** The project as REFI-QDA, for NVivo, ATLAS.ti, MAXQDA, QualCoder (or another Tolk). */
  protected exportProject(id: string): Promise<void> {
    const withRecordings = this.isOwner() && this.exportRecordings();
    return this.runExport(() => this.exchange.exportProject(id, undefined, withRecordings));
  }

  protected exportCodebook(id: string): Promise<void> {
    return this.runExport(() => this.exchange.exportCodebook(id));
  }

  private async runExport(download: () => Promise<void>): Promise<void> {
    this.exporting.set(true);
    try {
      await download();
    } catch (err) {
      this.notify.error(errorStatus(err) === 409 ? 'exchange.emptyCodebook' : 'exchange.exportFailed', err);
    } finally {
      this.exporting.set(false);
    }
  }

  protected selectTab(index: number): void {
    const tab = this.tabs()[index];
    void this.router.navigate([], {
      queryParams: { tab: tab === 'documents' ? null : tab },
      replaceUrl: true,
    });
  }

  protected updated(project: Project): void {
    this.project.set(project);
    this.pageTitle.setText(project.name);
  }

  protected async deleted(): Promise<void> {
    await this.router.navigate(['/projects']);
  }
}
