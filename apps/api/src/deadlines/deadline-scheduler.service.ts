import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DeadlinesService } from './deadlines.service.js';

/**
 * Sleep at most this long: deadlines created on another instance are seen
 * within it, and long timeouts overflow (Node caps them at 2^31-1 ms).
 */
export const MAX_SLEEP_MS = 60_000;
/** A deadline that is due but locked by another instance is looked at again after this. */
const RETRY_MS = 1_000;
/** Deadlines taken per wake, at most (a backlog after long downtime is taken over several wakes). */
const BATCH = 50;

/**
 * Wakes when the next deadline is due and takes its snapshot. At start it
 * takes every deadline that passed while the server was down (the snapshot
 * records the intended time next to the actual one). Re-armed whenever a
 * deadline is created or removed.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deadlines: DeadlinesService) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.deadlines.onChange(() => this.wake());
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs now (or right after the run in progress). */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async run(): Promise<void> {
    let delay = MAX_SLEEP_MS;
    try {
      for (let i = 0; i < BATCH && !this.stopped; i++) {
        if (!(await this.deadlines.takeNextDue())) break;
      }
      const next = await this.deadlines.nextDueAt();
      if (next) delay = Math.max(RETRY_MS * (next.getTime() <= Date.now() ? 1 : 0), next.getTime() - Date.now());
    } catch (error) {
      this.logger.error(`Could not take due deadlines: ${error instanceof Error ? error.message : String(error)}`);
      delay = RETRY_MS * 5;
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), Math.min(delay, MAX_SLEEP_MS));
    this.timer.unref();
  }
}
