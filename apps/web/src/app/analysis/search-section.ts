import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Code, SearchResult } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { AnalysisApi } from './analysis.api';
import { CodeAllHits } from './code-all';
import { codeLabels, sortedByLabel } from './code-labels';
import { loadState } from '../shared/load-state';

/**
 * Full-text search across the project's transcripts (stemmed in the
 * project's search language), with hits highlighted in their context and
 * linked to their place; "Code all hits" codes every hit with one code as
 * one batch, which "Undo" takes back.
 */
@Component({
  selector: 'tolk-analysis-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
  ],
  templateUrl: './search-section.html',
  styleUrl: './analysis-sections.scss',
})
export class SearchSection {
  private readonly api = inject(AnalysisApi);
  private readonly coding = inject(CodeAllHits);

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  readonly canCode = input(false);

  protected readonly query = signal('');
  protected readonly result = signal<SearchResult | null>(null);
  protected readonly state = loadState<'idle'>('idle');
  protected readonly codeId = signal('');
  protected readonly busy = signal(false);

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly sortedCodes = computed(() => sortedByLabel(this.codes(), this.labels()));

  protected async search(): Promise<void> {
    const q = this.query().trim();
    if (!q) return;
    this.state.set('loading');
    try {
      this.result.set(await this.api.search(this.projectId(), q));
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  protected async codeAll(): Promise<void> {
    const result = this.result();
    const codeId = this.codeId();
    if (!result || !codeId || this.busy()) return;
    this.busy.set(true);
    try {
      await this.coding.run(this.projectId(), result.q, codeId, this.labels().get(codeId) ?? '');
    } finally {
      this.busy.set(false);
    }
  }
}
