import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { MetricsService } from '../../metrics/metrics.service.js';
import { DomainError } from '../../platform/domain-error.js';
import { workerFile } from '../../platform/worker-file.js';
import type { PasswordVerdict } from './password-policy.js';

/** A bounded estimate takes milliseconds; this is for a thread that hangs. */
const TIMEOUT_MS = 10_000;
/** Estimates waiting for the thread; more are refused (503) rather than queued without bound. */
const MAX_QUEUE = 32;
/** The thread and its ranked dictionaries (about 60 MB) are let go after this long without a new password. */
const IDLE_MS = 10 * 60_000;

/**
 * Estimates how hard a new password is to guess (password-policy.ts) in a
 * thread of its own, never on the event loop: the estimate's time grows
 * with the password, and registration is open to anyone, so a crafted
 * password must cost a thread, not every other request. Its own pool, not
 * the upload parsers': their memory and time limits are set for files.
 */
@Injectable()
export class PasswordEstimator implements OnModuleDestroy {
  private readonly logger = new Logger('Passwords');
  private readonly pool = new Piscina({
    filename: workerFile(import.meta.url, 'password-worker.js'),
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: IDLE_MS,
    maxQueue: MAX_QUEUE,
    niceIncrement: 10,
  });

  constructor(private readonly metrics: MetricsService) {}

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  async check(password: string, person: { email: string; name: string }): Promise<PasswordVerdict> {
    const end = this.metrics.parserSeconds.startTimer({ kind: 'password' });
    try {
      return (await this.pool.run(
        { password, person: { email: person.email, name: person.name } },
        { signal: AbortSignal.timeout(TIMEOUT_MS) },
      )) as PasswordVerdict;
    } catch (error) {
      // Queue full or the thread stuck: say so, and let the person try again (and the operator know why).
      this.logger.warn(`A password could not be estimated: ${String(error)}`);
      throw new DomainError('parser_busy', 'the server is busy; try again in a moment', { seconds: 5 });
    } finally {
      end();
    }
  }
}
