import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { type Deadline, isoToZoned, may, type ProjectRole, type SnapshotSummary, zonedToIso } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { OsloTime } from './oslo-time';
import { SnapshotsApi } from './snapshots.api';
import { loadState } from '../shared/load-state';

/**
 * The project's timeline: deadlines (upcoming, and taken with their
 * snapshot) and snapshots, newest first, with who took them; open, compare
 * and restore. Times are shown and entered on Oslo's clock.
 */
@Component({
  selector: 'tolk-timeline-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    Icon,
    TranslocoDirective,
  ],
  templateUrl: './timeline-section.html',
  styleUrl: './timeline-section.scss',
})
export class TimelineSection {
  private readonly api = inject(SnapshotsApi);
  private readonly events = inject(ProjectEvents);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  protected readonly time = inject(OsloTime);

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();

  protected readonly snapshots = signal<SnapshotSummary[]>([]);
  protected readonly deadlines = signal<Deadline[]>([]);
  protected readonly state = loadState();
  protected readonly busy = signal(false);
  // Snapshots and deadlines depend on no project setting, so the role alone answers.
  protected readonly canTake = computed(() => may(this.role(), 'takeSnapshots'));
  protected readonly canRestore = computed(() => may(this.role(), 'restoreSnapshots'));
  protected readonly canManageDeadlines = computed(() => may(this.role(), 'manageDeadlines'));
  protected readonly upcoming = computed(() => this.deadlines().filter((d) => !d.snapshotId));

  protected snapshotName = '';
  protected deadlineName = '';
  /** `YYYY-MM-DDTHH:mm` on Oslo's clock (a datetime-local input). */
  protected deadlineAt = '';
  protected readonly deadlineError = signal<'timeline.deadline.nameMissing' | 'timeline.deadline.timeMissing' | null>(
    null,
  );

  constructor() {
    effect((onCleanup) => {
      const id = this.projectId();
      untracked(() => {
        void this.load();
        const leave = this.events.join(id);
        const reload = (event: { projectId: string }) => {
          if (event.projectId === id) void this.load(false);
        };
        const stops = [
          this.events.on('snapshot:created', reload),
          this.events.on('deadline:created', reload),
          this.events.on('deadline:deleted', reload),
        ];
        onCleanup(() => {
          stops.forEach((stop) => stop());
          leave();
        });
      });
    });
  }

  protected async load(showProgress = true): Promise<void> {
    const projectId = this.projectId();
    await this.state.load(
      () => Promise.all([this.api.list(projectId), this.api.deadlines(projectId)]),
      ([snapshots, deadlines]) => {
        this.snapshots.set(snapshots);
        this.deadlines.set(deadlines);
      },
      // A refresh in the background that fails leaves the list shown as it was.
      showProgress ? {} : { quietly: true, failure: () => this.state() },
    );
  }

  /** A deadline's snapshot, when taken. */
  protected snapshotOf(deadline: Deadline): SnapshotSummary | undefined {
    return this.snapshots().find((s) => s.id === deadline.snapshotId);
  }

  /** Taken more than a minute after it was due: the server was down at the time. */
  protected late(snapshot: SnapshotSummary): boolean {
    return (
      snapshot.dueAt !== null && new Date(snapshot.createdAt).getTime() - new Date(snapshot.dueAt).getTime() > 60_000
    );
  }

  /** The snapshot taken just before this one, to compare with. */
  protected previous(snapshot: SnapshotSummary): SnapshotSummary | undefined {
    const list = this.snapshots();
    return list[list.indexOf(snapshot) + 1];
  }

  protected async take(): Promise<void> {
    const name = this.snapshotName.trim();
    if (!name || this.busy()) return;
    this.busy.set(true);
    try {
      await this.api.take(this.projectId(), name);
      this.snapshotName = '';
      this.notify.info('timeline.taken', { name });
      await this.load(false);
    } catch (err) {
      this.notify.error('timeline.takeFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async addDeadline(): Promise<void> {
    const name = this.deadlineName.trim();
    const dueAt = zonedToIso(this.deadlineAt);
    if (!name || !dueAt) {
      this.deadlineError.set(!name ? 'timeline.deadline.nameMissing' : 'timeline.deadline.timeMissing');
      return;
    }
    this.deadlineError.set(null);
    this.busy.set(true);
    try {
      await this.api.addDeadline(this.projectId(), { name, dueAt });
      this.deadlineName = '';
      this.deadlineAt = '';
      await this.load(false);
    } catch (err) {
      this.notify.error('timeline.deadline.addFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async removeDeadline(deadline: Deadline): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: 'timeline.deadline.remove.title',
      message: 'timeline.deadline.remove.message',
      confirm: 'timeline.deadline.remove',
      params: { name: deadline.name },
    });
    if (!ok) return;
    try {
      await this.api.removeDeadline(deadline.id);
      await this.load(false);
    } catch (err) {
      this.notify.error('timeline.deadline.removeFailed', err);
    }
  }

  protected async restore(snapshot: SnapshotSummary): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: 'timeline.restore.title',
      message: 'timeline.restore.message',
      confirm: 'timeline.restore',
      params: { name: snapshot.name },
      destructive: true,
    });
    if (!ok) return;
    this.busy.set(true);
    try {
      const result = await this.api.restore(snapshot.id);
      this.notify.info('timeline.restored', {
        name: snapshot.name,
        documents: result.documentsChanged,
        codings: result.codingsRestored + result.codingsRemoved,
      });
      await this.load(false);
    } catch (err) {
      this.notify.error('timeline.restoreFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  /** The minimum for the deadline input: now on Oslo's clock. */
  protected readonly nowInOslo = isoToZoned(new Date().toISOString());
}
