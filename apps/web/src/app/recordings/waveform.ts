import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

/** Bars drawn across the width. */
const BARS = 400;
/** Decoding at this rate (the lowest a browser allows) keeps an hour of audio to about 40 MB of samples. */
const DECODE_RATE = 3_000;
/** Larger files are not decoded for a picture: the bar alone shows the position. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Longer recordings neither: their samples would not fit comfortably in memory. */
const MAX_MS = 3 * 60 * 60 * 1000;

/**
 * The recording's loudness over time, the part played so far darker, and a
 * line where each other listener is. Drawn on a canvas from the audio
 * decoded in the browser at a low rate; a click seeks there. Decorative for
 * screen readers: the panel's slider and buttons say the same in words.
 */
@Component({
  selector: 'tolk-waveform',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas aria-hidden="true" (click)="onClick($event)"></canvas>`,
  styles: `
    :host {
      display: block;
      height: 40px;
    }
    canvas {
      display: block;
      width: 100%;
      height: 100%;
      cursor: pointer;
    }
  `,
})
export class Waveform {
  readonly audioUrl = input.required<string>();
  readonly size = input(0);
  readonly durationMs = input(0);
  readonly positionMs = input(0);
  /** Other listeners' positions and colours. */
  readonly marks = input<readonly { ms: number; color: string }[]>([]);
  readonly seek = output<number>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly peaks = signal<Float32Array | null>(null);
  private abort: AbortController | null = null;

  constructor() {
    effect(() => {
      const url = this.audioUrl();
      const size = this.size();
      const duration = this.durationMs();
      untracked(() => void this.decode(url, size, duration));
    });
    afterRenderEffect(() => this.draw());
    inject(DestroyRef).onDestroy(() => this.abort?.abort());
  }

  protected onClick(event: MouseEvent): void {
    const box = this.canvas().nativeElement.getBoundingClientRect();
    if (box.width === 0) return;
    this.seek.emit(Math.round(((event.clientX - box.left) / box.width) * this.durationMs()));
  }

  private async decode(url: string, size: number, durationMs: number): Promise<void> {
    this.abort?.abort();
    this.peaks.set(null);
    if (size > MAX_BYTES || durationMs > MAX_MS || durationMs <= 0 || typeof OfflineAudioContext === 'undefined')
      return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const bytes = await (await fetch(url, { signal: abort.signal, credentials: 'same-origin' })).arrayBuffer();
      const context = new OfflineAudioContext(1, Math.ceil((durationMs / 1000) * DECODE_RATE) + 1, DECODE_RATE);
      const audio = await context.decodeAudioData(bytes);
      if (abort.signal.aborted) return;
      this.peaks.set(peaksOf(audio.getChannelData(0), BARS));
    } catch {
      // No picture (a codec the browser cannot decode offline, a network error): the bar is enough.
    }
  }

  private draw(): void {
    const canvas = this.canvas().nativeElement;
    const peaks = this.peaks();
    const duration = this.durationMs();
    const played = duration > 0 ? Math.min(1, this.positionMs() / duration) : 0;
    const marks = this.marks();
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) return;
    const style = getComputedStyle(canvas);
    const ink = style.getPropertyValue('--tolk-wave-played').trim() || '#3f51b5';
    const rest = style.getPropertyValue('--tolk-wave-rest').trim() || '#b8bfdc';
    g.clearRect(0, 0, width, height);
    const bars = peaks ?? new Float32Array(BARS).fill(0.04);
    const step = width / bars.length;
    for (let i = 0; i < bars.length; i++) {
      const h = Math.max(ratio, bars[i] * height);
      g.fillStyle = (i + 0.5) / bars.length <= played ? ink : rest;
      g.fillRect(i * step, (height - h) / 2, Math.max(ratio, step - ratio), h);
    }
    for (const mark of marks) {
      if (duration <= 0) break;
      const x = Math.min(width - ratio, (mark.ms / duration) * width);
      g.fillStyle = mark.color;
      g.fillRect(x - ratio, 0, 2 * ratio, height);
    }
    g.fillStyle = ink;
    g.fillRect(Math.min(width - ratio, played * width), 0, ratio, height);
  }
}

/** The loudest sample of each of `count` equal stretches, scaled so the loudest stretch fills the height. */
function peaksOf(samples: Float32Array, count: number): Float32Array {
  const peaks = new Float32Array(count);
  const per = Math.max(1, Math.floor(samples.length / count));
  let top = 0;
  for (let i = 0; i < count; i++) {
    let max = 0;
    const end = Math.min(samples.length, (i + 1) * per);
    for (let j = i * per; j < end; j++) {
      const v = Math.abs(samples[j]);
      if (v > max) max = v;
    }
    peaks[i] = max;
    if (max > top) top = max;
  }
  if (top > 0) for (let i = 0; i < count; i++) peaks[i] /= top;
  return peaks;
}
