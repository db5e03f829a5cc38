import { signal } from '@angular/core';

/**
 * When the stores resolve their anchors again after the live text changed.
 *
 * Why not on every change: resolving every coding's anchors makes new offsets
 * for all of them, and everything drawn from them (highlights, margin, cards,
 * comment threads) is rebuilt; on a 2-hour interview with 1,500 codings that
 * cost more than a frame per keystroke (bench:web). The editor maps what it
 * draws through each edit itself, so between two resolutions nothing on screen
 * lags a keystroke. Resolution follows once typing pauses (`quietMs`), and at
 * least every `maxWaitMs` while it goes on. Code that acts on offsets (asking
 * before coded words are deleted) calls `flush()` first and reads exact ones.
 */
export class ResolveSchedule {
  /** Read this in a computed that resolves: it changes when it should run again. */
  readonly version = signal(0);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirtySince: number | null = null;

  constructor(
    private readonly quietMs = 250,
    private readonly maxWaitMs = 1000,
  ) {}

  /** The text changed. */
  changed(): void {
    const now = performance.now();
    this.dirtySince ??= now;
    clearTimeout(this.timer);
    const wait = Math.min(this.quietMs, Math.max(0, this.dirtySince + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Resolve now if the text changed since the last resolution. */
  flush(): void {
    if (this.dirtySince === null) return;
    clearTimeout(this.timer);
    this.dirtySince = null;
    this.version.update((v) => v + 1);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.dirtySince = null;
  }
}
