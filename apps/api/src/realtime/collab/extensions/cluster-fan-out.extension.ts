import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClusterBus } from '../../../cluster/cluster-bus.service.js';
import { decodeDocumentMessage, encodeDocumentMessage, UPDATES_CHANNEL } from '../../../cluster/document-message.js';
import { MetricsService } from '../../../metrics/metrics.service.js';
import type { DocumentContext, LiveChange, LiveExtension, LiveHost } from '../live-extension.js';

/** Redis channel of cursors of documents held by several instances (committed updates: UPDATES_CHANNEL). */
const AWARENESS_CHANNEL = 'tolk:collab:awareness';

/**
 * Fan-out across api instances, the one place for it: each change this
 * instance committed (a client's or a server-side edit such as a restore)
 * is published after its commit, and what the others publish is applied to
 * the rooms here as already committed. When Redis comes back after an
 * outage, every room catches up from PostgreSQL. Without REDIS_URL it does
 * nothing.
 */
@Injectable()
export class ClusterFanOutExtension implements LiveExtension, OnModuleDestroy {
  readonly name = 'cluster-fan-out';
  // First after the commit: the other instances' clients wait for it.
  readonly priority = 10;
  private stopCatchingUp: (() => void) | undefined;

  constructor(
    private readonly bus: ClusterBus,
    private readonly metrics: MetricsService,
  ) {}

  async onConfigure(host: LiveHost): Promise<void> {
    if (!this.bus.enabled) return;
    await this.bus.subscribe(UPDATES_CHANNEL, (message) => {
      const decoded = decodeDocumentMessage(message);
      if (!decoded || decoded.instanceId === this.bus.instanceId) return;
      this.metrics.redisLagSeconds.observe(Math.max(0, Date.now() - decoded.sentAt) / 1000);
      host.applyCommittedElsewhere(decoded.documentId, decoded.payload);
    });
    await this.bus.subscribe(AWARENESS_CHANNEL, (message) => {
      const decoded = decodeDocumentMessage(message);
      if (!decoded || decoded.instanceId === this.bus.instanceId) return;
      host.applyAwarenessElsewhere(decoded.documentId, decoded.payload);
    });
    this.stopCatchingUp = this.bus.onReconnected(() => void host.catchUpAll());
  }

  onModuleDestroy(): void {
    this.stopCatchingUp?.();
  }

  afterCommit({ documentId, update, origin }: LiveChange): void {
    if (origin.kind !== 'elsewhere') this.publish(UPDATES_CHANNEL, documentId, update);
  }

  onAwareness({ documentId }: DocumentContext, update: Uint8Array): void {
    this.publish(AWARENESS_CHANNEL, documentId, update);
  }

  private publish(channel: string, documentId: string, payload: Uint8Array): void {
    if (!this.bus.enabled) return;
    this.bus.publish(
      channel,
      encodeDocumentMessage({ instanceId: this.bus.instanceId, documentId, sentAt: Date.now(), payload }),
    );
  }
}
