import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { KeyValuePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Code, DocumentSummary, Segment } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { ExcerptPlayer, ExcerptTime } from '../recordings/excerpt-player';
import { AnalysisApi, type SegmentQuery } from './analysis.api';
import { attributePairs, codeLabels, sortedByLabel } from './code-labels';
import type { CoderColumn } from './coder-choice';
import { loadState } from '../shared/load-state';

const PAGE = 100;

/**
 * Retrieval: coded segments filtered by code (with its sub-codes), document,
 * attribute and words, each linking to its place in the transcript, for the
 * page's «Kodet av» choice (merged: a passage several people coded once,
 * naming them all; side by side: a list per person).
 */
@Component({
  selector: 'tolk-analysis-segments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    KeyValuePipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
    ExcerptTime,
  ],
  // «Hør utdraget» of a passage whose transcript has a recording.
  providers: [ExcerptPlayer],
  templateUrl: './segments-section.html',
  styleUrl: './analysis-sections.scss',
})
export class SegmentsSection {
  private readonly api = inject(AnalysisApi);

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  readonly documents = input.required<readonly DocumentSummary[]>();
  /** Whose codings: one list per column (the page's «Kodet av»). */
  readonly columns = input.required<readonly CoderColumn[]>();

  protected readonly codeId = signal('');
  protected readonly documentId = signal('');
  /** "name=value" of one document attribute. */
  protected readonly attribute = signal('');
  protected readonly words = signal('');

  protected readonly lists = signal<{ key: string; label: string | null; segments: Segment[] }[]>([]);
  protected readonly shown = computed(() => Math.max(0, ...this.lists().map((l) => l.segments.length)));
  protected readonly state = loadState();
  protected readonly offset = signal(0);
  protected readonly more = signal(false);

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly colors = computed(() => new Map(this.codes().map((c) => [c.id, c.color])));
  protected readonly sortedCodes = computed(() => sortedByLabel(this.codes(), this.labels()));
  protected readonly attributeChoices = computed(() => attributePairs(this.documents()));

  constructor() {
    effect(() => {
      this.projectId();
      this.columns();
      untracked(() => void this.search());
    });
  }

  protected async search(offset = 0): Promise<void> {
    const [name, ...rest] = this.attribute().split('=');
    const query: SegmentQuery = {
      codeId: this.codeId() || undefined,
      documentId: this.documentId() || undefined,
      q: this.words().trim() || undefined,
      attribute: name && rest.length ? { name, value: rest.join('=') } : undefined,
      // One more than a page tells whether there is a next one.
      limit: PAGE + 1,
      offset,
    };
    const columns = this.columns();
    await this.state.load(
      () => Promise.all(columns.map((c) => this.api.segments(this.projectId(), query, c.params))),
      (found) => {
        this.more.set(found.some((f) => f.length > PAGE));
        this.lists.set(columns.map((c, i) => ({ key: c.key, label: c.label, segments: found[i].slice(0, PAGE) })));
        this.offset.set(offset);
      },
    );
  }

  protected coderNames(segment: Segment): string {
    return segment.coders.map((c) => c.name).join(', ');
  }

  protected page(step: 1 | -1): void {
    void this.search(Math.max(0, this.offset() + step * PAGE));
  }

  protected clear(): void {
    this.codeId.set('');
    this.documentId.set('');
    this.attribute.set('');
    this.words.set('');
    void this.search();
  }
}
