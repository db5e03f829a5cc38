import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { TranslocoDirective } from '@jsverse/transloco';
import { saveBlob } from '../core/http/download';

// Only what the three charts need: the bundle stays small.
use([
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/**
 * One ECharts chart, drawn on a canvas and resized with its box, with
 * "PNG" and "SVG" downloads (the SVG is drawn anew by the SVG renderer, so
 * it is vector, not a picture of the canvas).
 */
@Component({
  selector: 'tolk-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <div #box class="chart" role="img" [attr.aria-label]="label()" [style.height.px]="height()"></div>
    <div class="downloads">
      <button mat-button type="button" (click)="savePng()">{{ t('analysis.download.png') }}</button>
      <button mat-button type="button" (click)="saveSvg()">{{ t('analysis.download.svg') }}</button>
    </div>
  </ng-container> `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
    .downloads {
      display: flex;
      justify-content: flex-end;
      gap: 0.25rem;
    }
  `,
})
export class Chart {
  readonly option = input.required<ChartOption>();
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  readonly label = input.required<string>();
  /** File name without extension. */
  readonly fileName = input('chart');
  readonly height = input(320);
  /** A click on a data item: its value (a heat map cell's `[x, y, n]`). */
  readonly pick = output<unknown>();

  private readonly box = viewChild.required<ElementRef<HTMLDivElement>>('box');
  private chart: ECharts | null = null;

  constructor() {
    afterNextRender(() => {
      this.chart = init(this.box().nativeElement, null, { renderer: 'canvas' });
      this.chart.setOption(this.option());
      this.chart.on('click', (event) => this.pick.emit(event.value));
      const observer = new ResizeObserver(() => this.chart?.resize());
      observer.observe(this.box().nativeElement);
      this.destroy = () => observer.disconnect();
    });
    effect(() => {
      const option = this.option();
      this.chart?.setOption(option, { notMerge: true });
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroy();
      this.chart?.dispose();
      this.chart = null;
    });
  }

  private destroy: () => void = () => undefined;

  protected savePng(): void {
    const url = this.chart?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    saveBlob(dataUrlToBlob(url), `${this.fileName()}.png`);
  }

  protected saveSvg(): void {
    const { width, height } = this.box().nativeElement.getBoundingClientRect();
    const svg = init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: Math.max(320, width),
      height: Math.max(200, height),
    });
    svg.setOption({ ...this.option(), animation: false, backgroundColor: '#ffffff' });
    const text = svg.renderToSVGString();
    svg.dispose();
    saveBlob(new Blob([text], { type: 'image/svg+xml' }), `${this.fileName()}.svg`);
  }
}

/**
 * The bytes of a base64 `data:` URL as a Blob, decoded in the page: a
 * `fetch(dataUrl)` would be refused by the Content-Security-Policy
 * (`connect-src 'self'`), and nothing needs to leave the page anyway.
 */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const type = /^data:([^;,]+)/u.exec(url)?.[1] ?? 'application/octet-stream';
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
