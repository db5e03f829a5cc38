import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type DomainEventMap, DomainEvents } from '../platform/domain-events.js';
import { ClusterBus } from './cluster-bus.service.js';

const CHANNEL = 'tolk:events';

/**
 * The domain events whose effects every instance must apply to its own
 * connections (a removed member's live-text connections close wherever
 * they are; a deleted document's room goes everywhere).
 */
const RELAYED = [
  'member.changed',
  'project.updated',
  'project.deleted',
  'document.deleted',
  'user.sessionsRevoked',
] as const satisfies readonly (keyof DomainEventMap)[];
type Relayed = (typeof RELAYED)[number];

interface RelayMessage {
  from: string;
  name: Relayed;
  event: DomainEventMap[Relayed];
}

/** Publishes the relayed events of this instance and replays those of the others (ListenOptions.fromEveryInstance). */
@Injectable()
export class EventsRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cluster');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly bus: ClusterBus,
    private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.bus.enabled) return;
    for (const name of RELAYED) {
      this.unsubscribe.push(
        this.events.on(name, (event) =>
          this.bus.publish(CHANNEL, JSON.stringify({ from: this.bus.instanceId, name, event } satisfies RelayMessage)),
        ),
      );
    }
    await this.bus.subscribe(CHANNEL, (message) => this.replay(message));
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private replay(message: Buffer): void {
    let parsed: RelayMessage;
    try {
      parsed = JSON.parse(message.toString('utf8')) as RelayMessage;
    } catch {
      this.logger.warn('Ignored an event relay message that is not JSON');
      return;
    }
    if (parsed.from === this.bus.instanceId || !(RELAYED as readonly string[]).includes(parsed.name)) return;
    this.events.emitFromElsewhere(parsed.name, parsed.event);
  }
}
