import { Injectable } from '@nestjs/common';
import { MetricsService } from '../../../metrics/metrics.service.js';
import type { LiveChange, LiveExtension } from '../live-extension.js';

/** Counts the messages each committed change is broadcast as (`/metrics`). */
@Injectable()
export class MetricsExtension implements LiveExtension {
  readonly name = 'metrics';
  readonly priority = 90;

  constructor(private readonly metrics: MetricsService) {}

  onBroadcast(_change: LiveChange, recipients: number): void {
    this.metrics.broadcastMessages.inc(recipients);
  }
}
