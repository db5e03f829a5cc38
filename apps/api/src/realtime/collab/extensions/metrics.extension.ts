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

  /** One child per stage, looked up once: finding a child by its labels on every keystroke showed in profiles. */
  private readonly stage;

  constructor(private readonly metrics: MetricsService) {
    const seconds = metrics.liveStageSeconds;
    this.stage = {
      validate: seconds.labels('validate'),
      commit: seconds.labels('commit'),
      send: seconds.labels('send'),
      total: seconds.labels('total'),
    };
  }

  onBroadcast(change: LiveChange, recipients: number): void {
    this.metrics.broadcastMessages.inc(recipients);
    const stages = change.stages;
    if (stages?.committed === undefined || stages.sent === undefined) return;
    this.stage.validate.observe((stages.validated - stages.received) / 1000);
    this.stage.commit.observe((stages.committed - stages.validated) / 1000);
    this.stage.send.observe((stages.sent - stages.committed) / 1000);
    this.stage.total.observe((stages.sent - stages.received) / 1000);
  }
}
