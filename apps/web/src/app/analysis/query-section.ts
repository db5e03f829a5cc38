import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  type Code,
  type CodingQueryRequest,
  type CodingQueryResult,
  type DocumentSummary,
  MAX_QUERY_DISTANCE,
  MAX_SAVED_QUERY_NAME_LENGTH,
  type QueryContext,
  type SavedQuery,
} from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n, type TranslationKey } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { AnalysisApi } from './analysis.api';
import { attributePairs, codeLabels, sortedByLabel } from './code-labels';
import type { CoderColumn } from './coder-choice';
import {
  type BuilderQuery,
  type BuilderStep,
  builderOf,
  describe,
  expressionOf,
  type Joiner,
  JOINERS,
  MAX_STEPS,
} from './query-builder';

/** One «Kodet av» column's results. */
interface ResultList {
  key: string;
  label: string | null;
  results: (CodingQueryResult & { before: string; found: string; after: string })[];
}

const JOINER_WORDS: Record<Joiner, TranslationKey> = {
  and: 'query.joiner.and',
  andNot: 'query.joiner.andNot',
  or: 'query.joiner.or',
  followedBy: 'query.joiner.followedBy',
  near: 'query.joiner.near',
};

/**
 * The code query builder: codes joined from the top down by AND, AND NOT,
 * OR, FOLLOWED BY and NEAR (within N characters or the same turn of
 * speech), restricted by a transcript attribute and the page's «Kodet av»;
 * its results as passages in their sentence or turn, each cited with its
 * transcript and lines and linked to its place. Queries are saved under a
 * name for the project; opening one runs it on the codings as they are now.
 */
@Component({
  selector: 'tolk-analysis-queries',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    Icon,
    TranslocoDirective,
  ],
  templateUrl: './query-section.html',
  styleUrls: ['./analysis-sections.scss', './query-section.scss'],
})
export class QuerySection {
  private readonly api = inject(AnalysisApi);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  readonly documents = input.required<readonly DocumentSummary[]>();
  /** Whose codings: one result list per column (the page's «Kodet av»). */
  readonly columns = input.required<readonly CoderColumn[]>();
  /** May save queries (not a viewer). */
  readonly canSave = input(false);
  readonly me = input('');
  readonly isOwner = input(false);

  protected readonly joiners = JOINERS;
  protected readonly maxSteps = MAX_STEPS;
  protected readonly maxDistance = MAX_QUERY_DISTANCE;
  protected readonly maxName = MAX_SAVED_QUERY_NAME_LENGTH;

  protected readonly first = signal('');
  protected readonly steps = signal<BuilderStep[]>([]);
  /** "name=value" of one transcript attribute, or ''. */
  protected readonly attribute = signal('');
  protected readonly context = signal<QueryContext>('sentence');

  protected readonly state = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  protected readonly lists = signal<ResultList[]>([]);
  protected readonly found = computed(() => Math.max(0, ...this.lists().map((l) => l.results.length)));
  /** The query the results answer, in words. */
  protected readonly ranDescription = signal('');

  protected readonly saved = signal<SavedQuery[]>([]);
  /** The saved query open in the builder, if any. */
  protected readonly current = signal<SavedQuery | null>(null);
  protected readonly saveName = signal('');
  protected readonly busy = signal(false);

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly colors = computed(() => new Map(this.codes().map((c) => [c.id, c.color])));
  protected readonly sortedCodes = computed(() => sortedByLabel(this.codes(), this.labels()));
  protected readonly attributeChoices = computed(() => attributePairs(this.documents()));

  private readonly builder = computed<BuilderQuery>(() => ({ first: this.first(), steps: this.steps() }));
  protected readonly request = computed<CodingQueryRequest | null>(() => {
    const expression = expressionOf(this.builder());
    if (!expression) return null;
    const [name, ...rest] = this.attribute().split('=');
    return {
      expression,
      ...(name && rest.length ? { attributes: { [name]: rest.join('=') } } : {}),
      context: this.context(),
    };
  });
  /** The builder's query in words, e.g. «(Tillit og Relasjon) men ikke Spørsmål». */
  protected readonly description = computed(() => {
    this.i18n.lang();
    return this.first() ? this.describeQuery(this.builder()) : '';
  });
  /** Whether the caller may change or delete a saved query: its saver, or an owner. */
  protected mayChange(query: SavedQuery): boolean {
    return this.canSave() && (this.isOwner() || query.createdBy?.id === this.me());
  }

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.loadSaved(id));
    });
    // A new «Kodet av» choice answers the same query again.
    effect(() => {
      this.columns();
      untracked(() => {
        if (this.state() === 'ready') void this.run();
      });
    });
  }

  protected setFirst(codeId: string): void {
    this.first.set(codeId);
  }

  protected addStep(): void {
    if (this.steps().length >= MAX_STEPS) return;
    this.steps.update((steps) => [...steps, { joiner: 'and', codeId: '', within: 'turn' }]);
  }

  protected updateStep(index: number, change: Partial<BuilderStep>): void {
    this.steps.update((steps) => steps.map((s, i) => (i === index ? { ...s, ...change } : s)));
  }

  protected removeStep(index: number): void {
    this.steps.update((steps) => steps.filter((_, i) => i !== index));
  }

  protected distanceMode(step: BuilderStep): 'turn' | 'chars' {
    return step.within === 'turn' ? 'turn' : 'chars';
  }

  protected setDistanceMode(index: number, mode: 'turn' | 'chars'): void {
    this.updateStep(index, { within: mode === 'turn' ? 'turn' : 200 });
  }

  protected setDistance(index: number, value: unknown): void {
    const n = Math.round(Number(value));
    if (Number.isFinite(n)) this.updateStep(index, { within: Math.min(MAX_QUERY_DISTANCE, Math.max(0, n)) });
  }

  protected joinerWord(step: BuilderStep): string {
    const word = this.i18n.t(JOINER_WORDS[step.joiner]);
    if (step.joiner !== 'near' && step.joiner !== 'followedBy') return word;
    return step.within === 'turn'
      ? this.i18n.t('query.withinTurnShort', { joiner: word })
      : this.i18n.t('query.withinCharsShort', { joiner: word, n: step.within });
  }

  protected joinerLabel(joiner: Joiner): string {
    return this.i18n.t(JOINER_WORDS[joiner]);
  }

  private describeQuery(query: BuilderQuery): string {
    return describe(
      query,
      (id) => this.labels().get(id) ?? '?',
      (step) => this.joinerWord(step),
    );
  }

  /** Runs the builder's query once, for each «Kodet av» column. */
  protected async run(): Promise<void> {
    const request = this.request();
    if (!request) return;
    const columns = this.columns();
    const query = this.current();
    await this.answer(columns, (c) => {
      const coder = c.params.coder ?? [];
      // An unchanged saved query is run as saved (the route that re-evaluates it now).
      if (query && sameRequest(query.query, request))
        return this.api.savedQueryResults(this.projectId(), query.id, coder);
      return this.api.query(this.projectId(), { ...request, ...(coder.length ? { coder } : {}) });
    });
  }

  private async answer(
    columns: readonly CoderColumn[],
    ask: (column: CoderColumn) => Promise<CodingQueryResult[]>,
  ): Promise<void> {
    this.state.set('loading');
    const description = this.description();
    try {
      const found = await Promise.all(columns.map(ask));
      if (columns !== this.columns()) return;
      this.lists.set(columns.map((c, i) => ({ key: c.key, label: c.label, results: found[i].map(withMark) })));
      this.ranDescription.set(description);
      this.state.set('ready');
    } catch (err) {
      this.state.set('failed');
      this.notify.error('query.failed', err);
    }
  }

  /** Opens a saved query in the builder and runs it on the codings as they are now. */
  protected async open(query: SavedQuery): Promise<void> {
    const rows = builderOf(query.query.expression);
    if (!rows) {
      this.notify.info('query.notBuilderShape', { name: query.name });
      return;
    }
    this.current.set(query);
    this.first.set(rows.first);
    this.steps.set(rows.steps);
    const attributes = Object.entries(query.query.attributes ?? {});
    this.attribute.set(attributes.length ? `${attributes[0][0]}=${attributes[0][1]}` : '');
    this.context.set(query.query.context ?? 'sentence');
    this.saveName.set(query.name);
    await this.run();
  }

  protected clear(): void {
    this.current.set(null);
    this.first.set('');
    this.steps.set([]);
    this.attribute.set('');
    this.context.set('sentence');
    this.saveName.set('');
    this.lists.set([]);
    this.state.set('idle');
  }

  private async loadSaved(projectId = this.projectId()): Promise<void> {
    try {
      this.saved.set(await this.api.savedQueries(projectId));
    } catch (err) {
      this.notify.error('query.savedFailed', err);
    }
  }

  /** Saves the builder's query under the name typed: as a new one, or over the open one when it keeps its name. */
  protected async save(): Promise<void> {
    const request = this.request();
    const name = this.saveName().trim();
    if (!request || !name || this.busy()) return;
    this.busy.set(true);
    try {
      const current = this.current();
      const saved =
        current && this.mayChange(current) && current.name === name
          ? await this.api.updateQuery(this.projectId(), current.id, { name, query: request })
          : await this.api.saveQuery(this.projectId(), { name, query: request });
      this.current.set(saved);
      await this.loadSaved();
      this.notify.info('query.saved', { name: saved.name });
    } catch (err) {
      this.notify.error('query.saveFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(query: SavedQuery): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'query.delete.title',
      message: 'query.delete.message',
      confirm: 'action.delete',
      params: { name: query.name },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.api.deleteQuery(this.projectId(), query.id);
      if (this.current()?.id === query.id) this.current.set(null);
      await this.loadSaved();
    } catch (err) {
      this.notify.error('query.deleteFailed', err);
    }
  }

  protected savedBy(query: SavedQuery): string {
    return query.createdBy?.name ?? this.i18n.t('query.savedByGone');
  }
}

/** Whether the builder still asks what a saved query asks (then it is run as saved). */
function sameRequest(saved: CodingQueryRequest, request: CodingQueryRequest): boolean {
  const norm = (r: CodingQueryRequest) =>
    JSON.stringify([r.expression, r.attributes ?? {}, r.context ?? 'sentence', r.documentId ?? null]);
  return norm(saved) === norm(request) && !saved.coder?.length;
}

/** A result with its context cut around the passage found, for the mark. */
function withMark(r: CodingQueryResult): ResultList['results'][number] {
  const from = Math.max(0, r.start - r.contextStart);
  const to = Math.max(from, r.end - r.contextStart);
  return { ...r, before: r.context.slice(0, from), found: r.context.slice(from, to), after: r.context.slice(to) };
}
