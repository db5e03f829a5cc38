import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ErrorReason } from '@tolk/contracts';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DomainError } from '../platform/domain-error.js';
import { workerFile } from '../platform/worker-file.js';
import type { ParseOutcome, ParseResults, ParseTask } from './parse-tasks.js';

const busy = () =>
  new DomainError('parser_busy', 'the server is reading many files now; try again in a moment', { seconds: 5 });

/** Longest a job waits for a thread before it is refused as busy (503), unless the time limit allows more. */
const MAX_QUEUED_MS = 30_000;

/** The parser threads start this long after the api (or at the first upload). */
const WARM_UP_MS = 5_000;

/** Tasks that may wait for a thread, per thread; more are refused (503) rather than queued without bound. */
const QUEUE_PER_THREAD = 8;

/**
 * Reads uploaded files (transcripts, REFI-QDA projects and codebooks, recordings) in a
 * small pool of worker threads, never on the event loop: a hostile file
 * (19 MiB of XML in a 59 KB .docx) can then cost a worker, but not the health
 * check, the live text or anyone else's request. Each worker's heap is
 * capped (`resourceLimits`; a worker that runs out dies and is replaced) and
 * each job has a wall-clock limit after which its worker is terminated.
 * Settings: `TOLK_PARSER_THREADS`, `TOLK_PARSER_TIMEOUT_MS`, `TOLK_PARSER_HEAP_MB`.
 */
@Injectable()
export class UntrustedParser implements OnModuleDestroy {
  private readonly logger = new Logger('Parser');
  private readonly timeoutMs: number;
  private readonly settings: RuntimeSettings['parser'];
  private threads: Piscina | undefined;
  private readonly warmUp: NodeJS.Timeout;

  constructor(
    @InjectSettings() settings: RuntimeSettings,
    private readonly metrics: MetricsService,
  ) {
    this.settings = settings.parser;
    this.timeoutMs = settings.parser.timeoutMs;
    // The threads start a few seconds after the api, or at the first upload if sooner: loading
    // a parser thread's modules during the start would take a core from the start itself
    // (on a 2-core machine a restart after kill -9 waited for it; bench:restart).
    this.warmUp = setTimeout(() => this.pool, WARM_UP_MS);
    this.warmUp.unref();
  }

  private get pool(): Piscina {
    const { threads, heapMb } = this.settings;
    return (this.threads ??= new Piscina({
      filename: workerFile(import.meta.url, 'parse-worker.js'),
      // Kept alive: a worker that was terminated (time limit) or died (heap) is replaced at once,
      // so the jobs queued behind it go on.
      minThreads: threads,
      maxThreads: threads,
      maxQueue: threads * QUEUE_PER_THREAD,
      concurrentTasksPerWorker: 1,
      // Parser threads run at a low priority: the event loop (health checks, live text) goes first.
      niceIncrement: 10,
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: Math.max(16, Math.round(heapMb / 8)),
        codeRangeSizeMb: 64,
      },
    }));
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.warmUp);
    await this.threads?.destroy();
  }

  /** Reads the upload in a worker; its refusals (DomainError) come back as they were thrown. */
  async run<K extends ParseTask['kind']>(task: Extract<ParseTask, { kind: K }>): Promise<ParseResults[K]> {
    // The time limit counts from when a thread takes the job (the worker says so on `started`), so a
    // job queued behind a slow one is not cut short; the wait in the queue has its own, looser bound.
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let phase = 'queued' as 'queued' | 'running';
    let timedOut: typeof phase | undefined;
    const stop = () => {
      timedOut = phase;
      abort.abort();
    };
    let timer = setTimeout(stop, Math.max(MAX_QUEUED_MS, this.timeoutMs * QUEUE_PER_THREAD));
    port1.once('message', () => {
      phase = 'running';
      clearTimeout(timer);
      timer = setTimeout(stop, this.timeoutMs);
    });
    let outcome: ParseOutcome<ParseResults[K]>;
    const end = this.metrics.parserSeconds.startTimer({ kind: task.kind });
    try {
      outcome = (await this.pool.run(
        { ...task, started: port2 },
        // A recording's bytes move to the thread rather than being copied (they can be hundreds of MB).
        {
          signal: abort.signal,
          transferList: task.kind === 'recording' ? [port2, task.bytes.buffer as ArrayBuffer] : [port2],
        },
      )) as ParseOutcome<ParseResults[K]>;
    } catch (error) {
      throw this.refusal(task.kind, error, timedOut);
    } finally {
      end();
      clearTimeout(timer);
      port1.close();
    }
    if (outcome.ok) return outcome.value;
    // Rebuilt from the plain data the worker sent (the reason is one of the catalogue's).
    throw new (DomainError as unknown as new (reason: ErrorReason, message: string, params?: unknown) => DomainError)(
      outcome.reason as ErrorReason,
      outcome.message,
      outcome.params,
    );
  }

  private refusal(kind: string, error: unknown, timedOut: 'queued' | 'running' | undefined): unknown {
    const seconds = Math.round(this.timeoutMs / 1000);
    if (timedOut === 'queued') return busy();
    if (timedOut) {
      this.logger.warn(`Stopped reading an upload (${kind}) after ${seconds} s`);
      return new DomainError('parsing_timed_out', `reading the file took longer than ${seconds} seconds`, {
        seconds,
      });
    }
    const code = (error as { code?: string }).code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.logger.warn(`An upload (${kind}) needed more memory than a parser may have`);
      return new DomainError('file_too_complex', 'the file is too complex to read (it needs too much memory)');
    }
    if (error instanceof Error && /queue is at limit/i.test(error.message)) return busy();
    return error;
  }
}
