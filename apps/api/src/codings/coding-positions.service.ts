import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ClusterBus } from '../cluster/cluster-bus.service.js';
import { decodeDocumentMessage, UPDATES_CHANNEL } from '../cluster/document-message.js';
import { isMemoKey } from '../documents/live-key.js';
import { SegmentAnchors } from '../documents/segment-anchors.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DomainEvents } from '../platform/domain-events.js';
import { CodingsRepository } from './codings.repository.js';

/** The first refresh after a quiet spell waits this long, so that one burst of keys is one refresh. */
export const QUIET_MS = 300;
/**
 * While typing goes on, a document's codings are refreshed at most this
 * often by this instance's timer: an insertion moves every coding after it,
 * so refreshing per keystroke rewrites hundreds of rows each time. Reads do
 * not wait for it (they refresh first, see `current`).
 */
export const REFRESH_EVERY_MS = 5_000;
/**
 * Another instance committed the change and refreshes on its own timer; this
 * instance knows only that its stored offsets may be behind (for its reads),
 * and refreshes itself after this long in case that instance went away.
 */
export const SAFETY_NET_MS = 30_000;
/** A failed refresh is tried again after 1 s, 2 s, 4 s … at most this long. */
export const MAX_BACKOFF_MS = 30_000;

/** One document whose stored offsets may be behind its text, on this instance. */
interface Pending {
  /** Changes seen so far (a counter); `done` is the count the last good refresh covered. */
  changes: number;
  done: number;
  timer?: NodeJS.Timeout;
  dueAt?: number;
  running?: { covers: number; promise: Promise<void> };
  lastStartedAt: number;
  failures: number;
}

/**
 * Keeps the stored offsets and quotes of codings current with the live text
 * (their anchors move with it; `start`, `end` and `quote` are derived).
 *
 * - One refresher per document: in this process a refresh already running
 *   is joined, never doubled (single-flight); across instances the
 *   refresh runs under a transaction-level advisory lock keyed by the
 *   document (see CodingsRepository.refreshPositions), and rows are locked
 *   in id order, so two refreshes queue instead of deadlocking.
 * - Bounded writes: a change schedules a refresh `QUIET_MS` later, but at
 *   most one per `REFRESH_EVERY_MS` while typing goes on, and only rows
 *   whose offsets changed are written.
 * - Reads are never stale: `current()` waits for a refresh that covers every
 *   change seen before the read (it joins a running one or starts one).
 * - A failed refresh is retried with backoff, counted in /metrics, and the
 *   document stays marked until one succeeds.
 */
@Injectable()
export class CodingPositions implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CodingPositions.name);
  private readonly pending = new Map<string, Pending>();
  /** When refreshes of documents no longer pending started, for the throttle of their next change. */
  private readonly lastStarted = new Map<string, number>();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly codings: CodingsRepository,
    private readonly anchors: SegmentAnchors,
    private readonly events: DomainEvents,
    private readonly bus: ClusterBus,
    private readonly metrics: MetricsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.metrics.gauge(
      'tolk_coding_positions_behind',
      'Transcripts whose stored coding offsets may be behind their text on this instance',
      () => [...this.pending.values()].filter((p) => p.changes > p.done).length,
    );
    this.unsubscribe = this.events.on('document.textChanged', ({ documentId, elsewhere }) =>
      this.changed(documentId, elsewhere ? SAFETY_NET_MS : undefined),
    );
    // Edits committed on other instances to documents not open here: our reads must still refresh.
    if (this.bus.enabled) {
      await this.bus.subscribe(UPDATES_CHANNEL, (message) => {
        const decoded = decodeDocumentMessage(message);
        if (decoded && decoded.instanceId !== this.bus.instanceId && !isMemoKey(decoded.documentId))
          this.changed(decoded.documentId, SAFETY_NET_MS);
      });
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.lastStarted.clear();
  }

  /**
   * The text of a document changed: its codings' stored offsets are behind.
   * `after` overrides the delay of the timed refresh (changes made elsewhere).
   */
  changed(documentId: string, after?: number): void {
    const p = this.entry(documentId);
    p.changes += 1;
    this.schedule(documentId, p, after ?? Math.max(QUIET_MS, p.lastStartedAt + REFRESH_EVERY_MS - Date.now()));
  }

  /**
   * Resolves once the stored offsets of these documents' codings reflect
   * every change this instance has seen so far: at once when none is
   * pending, else after a refresh (joined or started). Throws when the
   * refresh fails twice: a read must not silently return stale offsets.
   */
  async current(documentIds: readonly string[]): Promise<void> {
    for (const documentId of new Set(documentIds)) await this.currentOne(documentId);
  }

  /**
   * Refreshes now, whatever this instance knows (after a server-side edit of
   * the text, e.g. a restore or pseudonymisation), joining a running refresh
   * only if it started after this call.
   */
  async refreshNow(documentId: string): Promise<void> {
    this.entry(documentId).changes += 1;
    await this.currentOne(documentId);
  }

  private async currentOne(documentId: string): Promise<void> {
    const p = this.pending.get(documentId);
    if (!p) return;
    // The changes seen before this call, not those made while it waits: a
    // reader must not chase people who keep typing.
    const wanted = p.changes;
    for (let attempt = 0; ; attempt++) {
      if (p.done >= wanted) return;
      try {
        await (p.running && p.running.covers >= wanted ? p.running.promise : this.run(documentId, p));
      } catch (error) {
        // One more try (the failure is counted and logged by run); then the read fails loudly.
        if (attempt >= 1) throw error;
      }
    }
  }

  /** Starts a refresh, or (single-flight) waits for the running one and then starts the next. */
  private async run(documentId: string, p: Pending): Promise<void> {
    while (p.running) await p.running.promise.catch(() => undefined);
    if (p.done >= p.changes) return;
    clearTimeout(p.timer);
    p.timer = undefined;
    p.dueAt = undefined;
    const covers = p.changes;
    p.lastStartedAt = Date.now();
    const promise = this.refreshOnce(documentId).then(
      () => {
        p.done = Math.max(p.done, covers);
        p.failures = 0;
      },
      (error: unknown) => {
        p.failures += 1;
        this.metrics.codingRefreshFailures.inc();
        this.metrics.errors.inc({ kind: 'coding_refresh' });
        this.logger.error(
          `Could not re-resolve the codings of ${documentId} (attempt ${p.failures}, retrying): ${String(error)}`,
        );
        throw error;
      },
    );
    p.running = { covers, promise };
    try {
      await promise;
    } finally {
      p.running = undefined;
      this.afterRun(documentId, p);
    }
  }

  private afterRun(documentId: string, p: Pending): void {
    if (this.stopped) return;
    if (p.done >= p.changes) {
      if (!p.timer) this.forget(documentId, p);
      return;
    }
    const delay =
      p.failures > 0
        ? Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (p.failures - 1))
        : Math.max(QUIET_MS, p.lastStartedAt + REFRESH_EVERY_MS - Date.now());
    this.schedule(documentId, p, delay, p.failures > 0);
  }

  /** Arms the document's timer for `delay` from now, unless it already fires sooner (or `force`). */
  private schedule(documentId: string, p: Pending, delay: number, force = false): void {
    if (this.stopped) return;
    const dueAt = Date.now() + delay;
    if (p.running) return; // afterRun schedules what is left
    if (p.timer && p.dueAt !== undefined && p.dueAt <= dueAt && !force) return;
    clearTimeout(p.timer);
    p.dueAt = dueAt;
    p.timer = setTimeout(() => {
      p.timer = undefined;
      p.dueAt = undefined;
      this.run(documentId, p).catch(() => undefined); // counted, logged and rescheduled by run
    }, delay);
    p.timer.unref();
  }

  private entry(documentId: string): Pending {
    let p = this.pending.get(documentId);
    if (!p) {
      p = { changes: 0, done: 0, lastStartedAt: this.lastStarted.get(documentId) ?? 0, failures: 0 };
      this.lastStarted.delete(documentId);
      this.pending.set(documentId, p);
    }
    return p;
  }

  /** Nothing pending: drop the entry, but remember when its last refresh started (the throttle outlives it). */
  private forget(documentId: string, p: Pending): void {
    this.pending.delete(documentId);
    const now = Date.now();
    for (const [id, at] of this.lastStarted) if (now - at >= REFRESH_EVERY_MS) this.lastStarted.delete(id);
    if (now - p.lastStartedAt < REFRESH_EVERY_MS) this.lastStarted.set(documentId, p.lastStartedAt);
  }

  /** One refresh under the document's lock; the text is read once the lock is held, so the last refresher wins with the newest text. */
  private async refreshOnce(documentId: string): Promise<void> {
    const stop = this.metrics.codingRefreshSeconds.startTimer();
    const written = await this.codings.refreshPositions(documentId, (anchors) =>
      this.anchors.resolve(documentId, anchors),
    );
    stop();
    this.metrics.codingRefreshRows.inc(written);
  }
}
