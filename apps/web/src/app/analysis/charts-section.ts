import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Code, CodeFrequency, Cooccurrence } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { AnalysisApi } from './analysis.api';
import { Chart, type ChartOption } from './chart';
import { codeLabels } from './code-labels';
import { saveCsv } from './table-csv';

type LoadState = 'loading' | 'ready' | 'failed';

/** The "by transcript" choice among the attributes (no attribute can be named so). */
const BY_DOCUMENT = '\u0000document';

/** Codes (rows) by attribute values or transcripts (columns). */
interface Matrix {
  name: string;
  codeIds: string[];
  columns: string[];
  counts: number[][];
}

const FONT = { fontFamily: 'inherit', color: '#3b3b3b' };
/** Calm ramp from paper to a light teal: dark figures stay readable on every cell. */
const RAMP = ['#f4f6f5', '#b5d8d0', '#6fb3a4'];

/**
 * Code frequencies (bar chart), co-occurrence (heat map) and codes by a
 * document attribute (heat map), each with its table and downloads.
 */
@Component({
  selector: 'tolk-analysis-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
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

  readonly projectId = input.required<string>();
  readonly codes = input.required<readonly Code[]>();
  readonly attributeNames = input.required<readonly string[]>();

  protected readonly Math = Math;
  protected readonly state = signal<LoadState>('loading');
  protected readonly frequencies = signal<CodeFrequency[]>([]);
  protected readonly pairs = signal<Cooccurrence | null>(null);
  protected readonly attribute = signal<string | null>(null);
  protected readonly matrix = signal<Matrix | null>(null);
  protected readonly byDocument = BY_DOCUMENT;

  protected readonly labels = computed(() => codeLabels(this.codes()));
  protected readonly colors = computed(() => new Map(this.codes().map((c) => [c.id, c.color])));
  private readonly label = (id: string) => this.labels().get(id) ?? '?';

  protected readonly frequencyOption = computed<ChartOption>(() => {
    // Longest bar on top: the chart reads from the top, the axis from the bottom.
    const rows = [...this.frequencies()].reverse();
    return {
      textStyle: FONT,
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((f) => this.label(f.codeId)),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: this.i18n.t('analysis.col.codings'),
          data: rows.map((f) => ({ value: f.codings, itemStyle: { color: this.colors().get(f.codeId) ?? '#2f7d6d' } })),
          barMaxWidth: 18,
        },
      ],
    };
  });

  protected readonly usedPairs = computed(() => {
    const pairs = this.pairs();
    if (!pairs) return null;
    // Codes that co-occur with nothing only make the heat map sparse.
    const keep = pairs.codeIds.map((_, i) => pairs.matrix[i].some((n) => n > 0));
    const index = pairs.codeIds.map((_, i) => i).filter((i) => keep[i]);
    return {
      codeIds: index.map((i) => pairs.codeIds[i]),
      matrix: index.map((i) => index.map((j) => pairs.matrix[i][j])),
    };
  });

  protected readonly cooccurrenceOption = computed<ChartOption>(() => {
    const pairs = this.usedPairs() ?? { codeIds: [], matrix: [] };
    const names = pairs.codeIds.map((id) => this.label(id));
    return heatmap(names, names, pairs.matrix, true);
  });

  protected readonly matrixOption = computed<ChartOption>(() => {
    const m = this.matrix();
    if (!m) return {};
    return heatmap(
      m.columns,
      m.codeIds.map((id) => this.label(id)),
      m.counts,
      m.columns.length > 6,
    );
  });

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
    effect(() => {
      const names = this.attributeNames();
      untracked(() => {
        if (this.attribute() === null) void this.chooseAttribute(names[0] ?? BY_DOCUMENT);
      });
    });
  }

  protected async load(id = this.projectId()): Promise<void> {
    this.state.set('loading');
    try {
      const [frequencies, pairs] = await Promise.all([this.api.frequencies(id), this.api.cooccurrence(id)]);
      this.frequencies.set(frequencies);
      this.pairs.set(pairs);
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  protected async chooseAttribute(name: string): Promise<void> {
    this.attribute.set(name);
    try {
      if (name === BY_DOCUMENT) {
        const m = await this.api.documentMatrix(this.projectId());
        this.matrix.set({ name: 'transcripts', codeIds: m.codeIds, columns: m.titles, counts: m.counts });
      } else {
        const m = await this.api.matrix(this.projectId(), name);
        this.matrix.set({ name: m.attribute, codeIds: m.codeIds, columns: m.values, counts: m.counts });
      }
    } catch {
      this.matrix.set(null);
    }
  }

  protected saveFrequencies(): void {
    const t = (key: Parameters<I18n['t']>[0]) => this.i18n.t(key);
    saveCsv(
      'code-frequencies',
      [t('analysis.col.code'), t('analysis.col.codings'), t('analysis.col.documents'), t('analysis.col.characters')],
      this.frequencies().map((f) => [this.label(f.codeId), f.codings, f.documents, f.characters]),
    );
  }

  protected saveCooccurrence(): void {
    const pairs = this.pairs();
    if (!pairs) return;
    const names = pairs.codeIds.map((id) => this.label(id));
    saveCsv(
      'co-occurrence',
      ['', ...names],
      pairs.matrix.map((row, i) => [names[i], ...row]),
    );
  }

  protected saveMatrix(): void {
    const m = this.matrix();
    if (!m) return;
    saveCsv(
      `codes-by-${m.name}`,
      ['', ...m.columns],
      m.counts.map((row, i) => [this.label(m.codeIds[i]), ...row]),
    );
  }
}

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
