import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Code, CodeFrequency, Cooccurrence, Segment } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { AnalysisApi, type SegmentQuery } from './analysis.api';
import { Chart, type ChartOption } from './chart';
import { codeLabels } from './code-labels';
import type { CoderColumn, CoderParams } from './coder-choice';
import { saveCsv } from './table-csv';
import { loadState } from '../shared/load-state';

/** The "by transcript" choice among the attributes (no attribute can be named so). */
const BY_DOCUMENT = '\u0000document';

/** Codes (rows) by attribute values or transcripts (columns), for one «Kodet av» column. */
interface Matrix {
  key: string;
  /** The person's name side by side, else null. */
  label: string | null;
  /** Whose codings (the segments of a cell are asked for with the same). */
  params: CoderParams;
  name: string;
  /** Columns are transcripts (`columnIds` their ids), else values of the attribute `name`. */
  byDocument: boolean;
  codeIds: string[];
  columns: string[];
  columnIds: string[];
  counts: number[][];
}

/** The passages behind one matrix cell, shown below the matrix. */
interface OpenCell {
  key: string;
  code: string;
  column: string;
  person: string | null;
  state: 'loading' | 'ready' | 'failed';
  segments: Segment[];
}

/** One «Kodet av» column's figures. */
interface Figures<T> {
  key: string;
  label: string | null;
  value: T;
}

const FONT = { fontFamily: 'inherit', color: '#3b3b3b' };
/** Calm ramp from paper to a light teal: dark figures stay readable on every cell. */
const RAMP = ['#f4f6f5', '#b5d8d0', '#6fb3a4'];

/**
 * Code frequencies (bar chart), co-occurrence (heat map) and codes by a
 * document attribute (heat map), each with its table and downloads, for
 * the page's «Kodet av» choice: one figure, or one per person side by side
 * (a bar series and a table column each, a heat map each).
 */
@Component({
  selector: 'tolk-analysis-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    Chart,
    TranslocoDirective,
  ],
  templateUrl: './charts-section.html',
  styleUrl: './analysis-sections.scss',
})
export class ChartsSection {
  private readonly api = inject(AnalysisApi);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  readonly attributeNames = input.required<readonly string[]>();
  /** Whose codings: one request per column (the page's «Kodet av»). */
  readonly columns = input.required<readonly CoderColumn[]>();

  protected readonly Math = Math;
  protected readonly state = loadState();
  protected readonly frequencySets = signal<Figures<CodeFrequency[]>[]>([]);
  protected readonly pairSets = signal<Figures<Cooccurrence>[]>([]);
  protected readonly attribute = signal<string | null>(null);
  protected readonly matrices = signal<Matrix[]>([]);
  /** The matrix cell whose passages are open. */
  protected readonly cell = signal<OpenCell | null>(null);
  /** The codes in codebook order with their figures per column. */
  protected readonly frequencyRows = computed(() => {
    const sets = this.frequencySets();
    return (sets[0]?.value ?? []).map((f) => ({
      codeId: f.codeId,
      cells: sets.map(
        (set) => set.value.find((g) => g.codeId === f.codeId) ?? { ...f, codings: 0, documents: 0, characters: 0 },
      ),
    }));
  });
  protected readonly byDocument = BY_DOCUMENT;

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly colors = computed(() => new Map(this.codes().map((c) => [c.id, c.color])));
  private readonly label = (id: string) => this.labels().get(id) ?? '?';

  protected readonly frequencyOption = computed<ChartOption>(() => {
    // Longest bar on top: the chart reads from the top, the axis from the bottom.
    const rows = [...this.frequencyRows()].reverse();
    const sets = this.frequencySets();
    const single = sets.length === 1;
    return {
      textStyle: FONT,
      grid: { left: 8, right: 24, top: single ? 8 : 32, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      ...(single ? {} : { legend: { top: 0 } }),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((f) => this.label(f.codeId)),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: sets.map((set, k) => ({
        type: 'bar' as const,
        name: set.label ?? this.i18n.t('analysis.col.codings'),
        data: rows.map((f) =>
          single
            ? { value: f.cells[k].codings, itemStyle: { color: this.colors().get(f.codeId) ?? '#2f7d6d' } }
            : { value: f.cells[k].codings },
        ),
        ...(single ? {} : { itemStyle: { color: PEOPLE[k % PEOPLE.length] } }),
        barMaxWidth: 18,
      })),
    };
  });

  /** Per column: the codes that co-occur with something (the others only make the heat map sparse), and its chart. */
  protected readonly usedPairs = computed(() =>
    this.pairSets().map(({ key, label, value: pairs }) => {
      const keep = pairs.codeIds.map((_, i) => pairs.matrix[i].some((n) => n > 0));
      const index = pairs.codeIds.map((_, i) => i).filter((i) => keep[i]);
      const names = index.map((i) => this.label(pairs.codeIds[i]));
      const matrix = index.map((i) => index.map((j) => pairs.matrix[i][j]));
      return { key, label, size: index.length, option: heatmap(names, names, matrix, true) };
    }),
  );

  protected readonly matrixCharts = computed(() =>
    this.matrices().map((m) => ({
      ...m,
      option: heatmap(
        m.columns,
        m.codeIds.map((id) => this.label(id)),
        m.counts,
        m.columns.length > 6,
      ),
    })),
  );

  constructor() {
    effect(() => {
      const id = this.projectId();
      const columns = this.columns();
      untracked(() => {
        void this.load(id, columns);
        const attribute = this.attribute();
        if (attribute !== null) void this.chooseAttribute(attribute);
      });
    });
    effect(() => {
      const names = this.attributeNames();
      untracked(() => {
        if (this.attribute() === null) void this.chooseAttribute(names[0] ?? BY_DOCUMENT);
      });
    });
  }

  protected async load(id = this.projectId(), columns = this.columns()): Promise<void> {
    // A later choice may start meanwhile: only the latest one's figures are shown.
    await this.state.load(
      () =>
        Promise.all(
          columns.map(async (c) => {
            const [frequencies, pairs] = await Promise.all([
              this.api.frequencies(id, c.params),
              this.api.cooccurrence(id, c.params),
            ]);
            return { key: c.key, label: c.label, frequencies, pairs };
          }),
        ),
      (loaded) => {
        this.frequencySets.set(loaded.map((l) => ({ key: l.key, label: l.label, value: l.frequencies })));
        this.pairSets.set(loaded.map((l) => ({ key: l.key, label: l.label, value: l.pairs })));
      },
    );
  }

  protected async chooseAttribute(name: string): Promise<void> {
    this.attribute.set(name);
    const columns = this.columns();
    try {
      const matrices = await Promise.all(
        columns.map(async (c): Promise<Matrix> => {
          if (name === BY_DOCUMENT) {
            const m = await this.api.documentMatrix(this.projectId(), c.params);
            return {
              ...c,
              name: 'transcripts',
              byDocument: true,
              codeIds: m.codeIds,
              columns: m.titles,
              columnIds: m.documentIds,
              counts: m.counts,
            };
          }
          const m = await this.api.matrix(this.projectId(), name, c.params);
          return {
            ...c,
            name: m.attribute,
            byDocument: false,
            codeIds: m.codeIds,
            columns: m.values,
            columnIds: m.values,
            counts: m.counts,
          };
        }),
      );
      if (columns === this.columns() && name === this.attribute()) {
        this.matrices.set(matrices);
        this.cell.set(null);
      }
    } catch {
      this.matrices.set([]);
    }
  }

  /** A heat map cell clicked: `[x, y, n]`, y counted from the bottom row. */
  protected pickCell(m: Matrix, value: unknown): void {
    if (!Array.isArray(value) || value.length < 2) return;
    const [x, y] = value as number[];
    void this.openCell(m, m.codeIds.length - 1 - y, x);
  }

  /** The passages of code `i` in column `j` (that code's own codings, as the cell counts them). */
  protected async openCell(m: Matrix, i: number, j: number): Promise<void> {
    if (!(i >= 0 && i < m.codeIds.length && j >= 0 && j < m.columns.length)) return;
    const codeId = m.codeIds[i];
    const key = `${m.key}:${codeId}:${m.columnIds[j]}`;
    const open: OpenCell = {
      key,
      code: this.label(codeId),
      column: m.columns[j],
      person: m.label,
      state: 'loading',
      segments: [],
    };
    this.cell.set(open);
    // Reading goes on below the matrix: the heading takes the focus (a keyboard user lands there).
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#cell-heading')?.focus(), {
      injector: this.injector,
    });
    const query: SegmentQuery = m.byDocument
      ? { codeId, documentId: m.columnIds[j], limit: CELL_LIMIT }
      : { codeId, attribute: { name: m.name, value: m.columnIds[j] }, limit: CELL_LIMIT };
    try {
      // The segments route counts sub-codes in; the cell counts the code's own codings.
      const segments = (await this.api.segments(this.projectId(), query, m.params)).filter((s) => s.codeId === codeId);
      if (this.cell()?.key === key) this.cell.set({ ...open, state: 'ready', segments });
    } catch {
      if (this.cell()?.key === key) this.cell.set({ ...open, state: 'failed' });
    }
  }

  protected coderNames(segment: Segment): string {
    return segment.coders.map((c) => c.name).join(', ');
  }

  /** A column heading: the figure's name, or «Name: figure» side by side. */
  protected heading(label: string | null, what: Parameters<I18n['t']>[0]): string {
    const text = this.i18n.t(what);
    return label === null ? text : this.i18n.t('analysis.col.person', { name: label, what: text });
  }

  protected saveFrequencies(): void {
    const sets = this.frequencySets();
    const what = ['analysis.col.codings', 'analysis.col.documents', 'analysis.col.characters'] as const;
    saveCsv(
      'code-frequencies',
      [this.i18n.t('analysis.col.code'), ...sets.flatMap((set) => what.map((w) => this.heading(set.label, w)))],
      this.frequencyRows().map((f) => [
        this.label(f.codeId),
        ...f.cells.flatMap((c) => [c.codings, c.documents, c.characters]),
      ]),
    );
  }

  protected saveCooccurrence(): void {
    for (const { label, value: pairs } of this.pairSets()) {
      const names = pairs.codeIds.map((id) => this.label(id));
      saveCsv(
        label === null ? 'co-occurrence' : `co-occurrence-${label}`,
        ['', ...names],
        pairs.matrix.map((row, i) => [names[i], ...row]),
      );
    }
  }

  protected saveMatrix(): void {
    for (const m of this.matrices()) {
      saveCsv(
        m.label === null ? `codes-by-${m.name}` : `codes-by-${m.name}-${m.label}`,
        ['', ...m.columns],
        m.counts.map((row, i) => [this.label(m.codeIds[i]), ...row]),
      );
    }
  }
}

/** The most passages a cell lists (the segments route's own limit). */
const CELL_LIMIT = 10_000;

/** Distinct colours for people's series side by side (codes keep their own colours in a single series). */
const PEOPLE = ['#2f7d6d', '#b0663a', '#5b5ea6', '#9b2335', '#6b8e23', '#444444'];

/** A heat map of counts, rows top to bottom as given. */
function heatmap(
  columns: readonly string[],
  rows: readonly string[],
  counts: readonly (readonly number[])[],
  rotate: boolean,
): ChartOption {
  const data = counts.flatMap((row, i) => row.map((n, j) => [j, rows.length - 1 - i, n]));
  const max = Math.max(1, ...counts.flat());
  return {
    textStyle: FONT,
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: { position: 'top' },
    xAxis: {
      type: 'category',
      data: [...columns],
      axisLabel: { rotate: rotate ? 40 : 0, width: 140, overflow: 'truncate' },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: [...rows].reverse(),
      axisLabel: { width: 200, overflow: 'truncate' },
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: RAMP },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, color: '#1d1d1d' },
        emphasis: { itemStyle: { borderColor: '#1d1d1d', borderWidth: 1 } },
      },
    ],
  };
}
