import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Code, Coding, DocumentDiff, SnapshotDiff } from '@tolk/contracts';
import { CodebookApi } from '../coding/codebook.api';
import { errorStatus } from '../core/http/api-error';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';
import { diffColumns } from './diff-columns';
import { OsloTime } from './oslo-time';
import { SnapshotsApi } from './snapshots.api';
import { loadState } from '../shared/load-state';

/**
 * A snapshot side by side with a later snapshot or with now: per document
 * the text as it was and as it is (deletions and insertions marked), the
 * codings added, removed, recoded or moved; and the codebook's changes.
 */
@Component({
  selector: 'tolk-compare-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, Icon, TranslocoDirective],
  templateUrl: './compare.page.html',
  styleUrl: './compare.page.scss',
})
export class ComparePage {
  private readonly api = inject(SnapshotsApi);
  private readonly codebook = inject(CodebookApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly time = inject(OsloTime);

  readonly projectId = input.required<string>();
  readonly snapshotId = input.required<string>();
  /** `?against=ID` (another snapshot); now when absent. */
  readonly against = input<string>();

  protected readonly diff = signal<SnapshotDiff | null>(null);
  protected readonly state = loadState<'missing'>();
  private readonly codes = signal<ReadonlyMap<string, Code>>(new Map());

  protected readonly changed = computed(() => (this.diff()?.documents ?? []).filter((d) => hasChanges(d)));
  protected readonly unchanged = computed(() => (this.diff()?.documents.length ?? 0) - this.changed().length);
  protected readonly columns = computed(
    () => new Map(this.changed().map((d) => [d.documentId, diffColumns(d.textDiff)])),
  );
  protected readonly codebookChanged = computed(() => {
    const codes = this.diff()?.codes;
    return !!codes && codes.added.length + codes.removed.length + codes.changed.length > 0;
  });

  constructor() {
    effect(() => {
      const id = this.snapshotId();
      const against = this.against() ?? 'current';
      untracked(() => void this.load(id, against));
    });
  }

  protected async load(id: string, against: string): Promise<void> {
    this.state.set('loading');
    try {
      const [diff, from, to] = await Promise.all([
        this.api.diff(id, against),
        this.api.get(id),
        against === 'current' ? this.codebook.list(this.projectId()) : this.api.get(against).then((s) => s.codes),
      ]);
      this.codes.set(new Map([...from.codes, ...to].map((c) => [c.id, c])));
      this.diff.set(diff);
      this.pageTitle.setText(diff.from.name);
      this.state.set('ready');
    } catch (err) {
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  protected code(id: string): Code | undefined {
    return this.codes().get(id);
  }

  protected quote(coding: Coding): string {
    return coding.quote.length > 90 ? `${coding.quote.slice(0, 90)}…` : coding.quote;
  }
}

function hasChanges(d: DocumentDiff): boolean {
  return (
    d.status !== 'present' ||
    d.textChanged ||
    d.codingsAdded.length + d.codingsRemoved.length + d.codingsChanged.length > 0
  );
}
