import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { Deadline } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { Icon } from '../shared/ui/icon';
import { OsloTime } from './oslo-time';
import { SnapshotsApi } from './snapshots.api';

/** The project's next deadline, for every member, in the project page's header. */
@Component({
  selector: 'tolk-next-deadline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @if (next(); as deadline) {
      <p class="next">
        <tolk-icon name="history" />{{
          t('timeline.next', { name: deadline.name, time: time.dateTime(deadline.dueAt) })
        }}
      </p>
    }
  </ng-container> `,
  styles: `
    .next {
      display: flex;
      align-items: center;
      gap: 0.375rem;
      margin: 0.25rem 0 0;
      color: var(--mat-sys-primary);
    }
  `,
})
export class NextDeadline {
  private readonly api = inject(SnapshotsApi);
  private readonly events = inject(ProjectEvents);
  protected readonly time = inject(OsloTime);

  readonly projectId = input.required<string>();
  private readonly deadlines = signal<Deadline[]>([]);
  /** Soonest first from the api; the first not yet taken. */
  protected readonly next = computed(() => this.deadlines().find((d) => !d.snapshotId) ?? null);

  constructor() {
    effect((onCleanup) => {
      const id = this.projectId();
      untracked(() => {
        const load = () =>
          void this.api.deadlines(id).then(
            (list) => this.deadlines.set(list),
            () => undefined,
          );
        load();
        const leave = this.events.join(id);
        const reload = (event: { projectId: string }) => event.projectId === id && load();
        const stops = [
          this.events.on('deadline:created', reload),
          this.events.on('deadline:deleted', reload),
          this.events.on('snapshot:created', reload),
        ];
        onCleanup(() => {
          stops.forEach((stop) => stop());
          leave();
        });
      });
    });
  }
}
