import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Code, WordFrequency } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { confirm } from '../shared/ui/confirm-dialog';
import { Notify } from '../core/notify.service';
import { AnalysisApi } from './analysis.api';
import { CodeAllHits } from './code-all';
import { codeLabels } from './code-labels';
import type { CoderParams } from './coder-choice';
import { layoutCloud } from './word-cloud';

const CLOUD = { width: 720, height: 340 };
const CLOUD_WORDS = 60;

/**
 * Word frequencies (the api's `analysis/words`: lemmas of the project's
 * search stemmer, stop words left out) as a table and a word cloud laid out
 * here (`layoutCloud`: no remote script, nothing measured). Over whole
 * transcripts, or over the text a code covers, or one person's codings.
 * «Kod alle forekomster» codes every occurrence of a word (all its forms:
 * the search stems the same way) after a confirmation that names how many.
 */
@Component({
  selector: 'tolk-analysis-words',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, TranslocoDirective],
  templateUrl: './words-section.html',
  styleUrls: ['./analysis-sections.scss', './words-section.scss'],
})
export class WordsSection {
  private readonly api = inject(AnalysisApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  private readonly coding = inject(CodeAllHits);

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  /** Whose codings: none named counts everyone's (whole transcripts unless a code is chosen). */
  readonly coders = input<CoderParams>({});
  readonly canCode = input(false);

  protected readonly limits = [50, 100, 200] as const;
  protected readonly codeId = signal('');
  protected readonly limit = signal<number>(100);
  protected readonly words = signal<WordFrequency[]>([]);
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly selected = signal<WordFrequency | null>(null);
  protected readonly codeWith = signal('');
  protected readonly busy = signal(false);

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly sortedCodes = computed(() =>
    [...this.codes()].sort((a, b) => this.labels().get(a.id)!.localeCompare(this.labels().get(b.id)!)),
  );
  protected readonly cloud = computed(() =>
    layoutCloud(
      this.words()
        .slice(0, CLOUD_WORDS)
        .map((w) => ({ text: w.forms[0] ?? w.word, count: w.count })),
      CLOUD,
    ),
  );
  protected readonly viewBox = `0 0 ${CLOUD.width} ${CLOUD.height}`;
  /** Counted over coded text only when a code or a person is chosen (the api's rule). */
  protected readonly overCodedText = computed(() => this.codeId() !== '' || (this.coders().coder?.length ?? 0) > 0);

  constructor() {
    effect(() => {
      const request = {
        projectId: this.projectId(),
        codeId: this.codeId(),
        limit: this.limit(),
        coder: this.coders().coder ?? [],
      };
      untracked(() => void this.load(request));
    });
  }

  private async load(request: { projectId: string; codeId: string; limit: number; coder: string[] }): Promise<void> {
    this.state.set('loading');
    try {
      const words = await this.api.words(request.projectId, {
        limit: request.limit,
        codeId: request.codeId || undefined,
        coder: request.coder,
      });
      this.words.set(words);
      this.selected.set(null);
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  /** The form shown for a word: its most frequent form reads better than a stem («tillit», not «till»). */
  protected shown(word: WordFrequency): string {
    return word.forms[0] ?? word.word;
  }

  protected select(text: string): void {
    this.selected.set(this.words().find((w) => this.shown(w) === text) ?? null);
  }

  protected choose(word: WordFrequency): void {
    this.selected.set(word);
  }

  /** Counts the occurrences (the search finds every form), asks, then codes them as one undoable batch. */
  protected async codeAll(): Promise<void> {
    const word = this.selected();
    const codeId = this.codeWith();
    if (!word || !codeId || this.busy()) return;
    this.busy.set(true);
    try {
      const q = this.shown(word);
      const found = await this.api.search(this.projectId(), q);
      const code = this.labels().get(codeId) ?? '';
      if (found.hits === 0) {
        this.notify.info('words.codeAll.none', { word: q });
        return;
      }
      const yes = await confirm(this.dialog, {
        title: 'words.codeAll.title',
        message: 'words.codeAll.confirm',
        confirm: 'words.codeAll.button',
        params: { count: found.hits, documents: found.documents.length, word: q, code },
      });
      if (yes) await this.coding.run(this.projectId(), found.q, codeId, code);
    } catch (err) {
      this.notify.error('analysis.search.codeFailed', err);
    } finally {
      this.busy.set(false);
    }
  }
}
