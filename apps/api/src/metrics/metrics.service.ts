import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, from half a millisecond (a quiet commit) to two seconds (an outage). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.5, 2];

/**
 * Tolk's Prometheus metrics (`GET /metrics`). One registry per running app
 * (the tests run several in one process). Process metrics (CPU, memory,
 * event-loop delay, GC) come from prom-client's defaults; the rest is ours.
 * Figures only: no ids, names or text ever go into a label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly parserSeconds = new Histogram({
    name: 'tolk_parser_seconds',
    help: 'Time a parser thread took for one job (an upload read, a password estimated), by kind; refused jobs included',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15],
    registers: [this.registry],
  });

  readonly commitSeconds = new Histogram({
    name: 'tolk_update_commit_seconds',
    help: 'Time to commit one batch of live-text updates to PostgreSQL',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly liveStageSeconds = new Histogram({
    name: 'tolk_live_stage_seconds',
    help: "Where a client's live edit waits: validate (received → checked and applied), commit (→ in PostgreSQL, queueing for the batch included), send (→ written to every other connection), total (received → sent)",
    labelNames: ['stage'] as const,
    buckets: [0.00005, 0.0001, 0.00025, ...LATENCY_BUCKETS],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'tolk_update_batch_size',
    help: 'Live-text updates written per commit (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
    registers: [this.registry],
  });

  readonly broadcastMessages = new Counter({
    name: 'tolk_collab_broadcast_messages_total',
    help: 'Live-text updates sent to connected clients (fan-out)',
    registers: [this.registry],
  });

  readonly redisLagSeconds = new Histogram({
    name: 'tolk_redis_lag_seconds',
    help: 'From another instance publishing a committed update to this instance receiving it',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpResponses = new Counter({
    name: 'tolk_http_responses_total',
    help: 'HTTP responses by method and status class',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'tolk_errors_total',
    help: 'Failures by kind: http_5xx, collab_protocol (a connection closed for a bad message), update_store (a commit failed and is retried), coding_refresh (a refresh of coding offsets failed and is retried)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly codingRefreshSeconds = new Histogram({
    name: 'tolk_coding_refresh_seconds',
    help: "Time to re-resolve one transcript's codings against its text and store what moved (lock wait included)",
    buckets: [0.004, 0.016, 0.064, 0.128, 0.256, 0.5, 1, 2, 4, 8],
    registers: [this.registry],
  });

  readonly codingRefreshRows = new Counter({
    name: 'tolk_coding_refresh_rows_total',
    help: 'Codings rows written by position refreshes (only rows whose offsets or quote changed)',
    registers: [this.registry],
  });

  readonly codingRefreshFailures = new Counter({
    name: 'tolk_coding_refresh_failures_total',
    help: 'Position refreshes that failed (each is retried with backoff; the offsets stay marked as behind until one succeeds)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A figure read when Prometheus scrapes, from whoever owns it. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
