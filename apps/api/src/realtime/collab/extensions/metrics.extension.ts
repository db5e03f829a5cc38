import { Injectable } from '@nestjs/common';
import { MetricsService } from '../../../metrics/metrics.service.js';
import type { LiveChange, LiveExtension } from '../live-extension.js';

/**
 * Counts the messages each committed change is broadcast as, and how long a
 * client's change spent in each stage of the room (`/metrics`).
 */
@Injectable()
export class MetricsExtension implements LiveExtension {
  readonly name = 'metrics';
  readonly priority = 90;

  constructor(private readonly metrics: MetricsService) {}

  onBroadcast(change: LiveChange, recipients: number): void {
    this.metrics.broadcastMessages.inc(recipients);
    const stages = change.stages;
    if (stages?.committed === undefined || stages.sent === undefined) return;
    const seconds = this.metrics.liveStageSeconds;
    seconds.observe({ stage: 'validate' }, (stages.validated - stages.received) / 1000);
    seconds.observe({ stage: 'commit' }, (stages.committed - stages.validated) / 1000);
    seconds.observe({ stage: 'send' }, (stages.sent - stages.committed) / 1000);
    seconds.observe({ stage: 'total' }, (stages.sent - stages.received) / 1000);
  }
}
