import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type DomainEventMap, DomainEvents } from '../platform/domain-events.js';
import { AFTER_COMMIT, type AuditEntry } from './audit-events.js';
import { AuditRecorder } from './audit-recorder.js';

/**
 * Writes the entry AFTER_COMMIT (audit-events.ts) declares for each domain
 * event a service emits after its commit. The actor and the request
 * (address, user agent, request id) are those of the HTTP request in which
 * the event was emitted.
 */
@Injectable()
export class AuditEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly recorder: AuditRecorder,
  ) {}

  onModuleInit(): void {
    for (const name of Object.keys(AFTER_COMMIT) as (keyof DomainEventMap)[]) {
      const toEntry = AFTER_COMMIT[name] as (event: unknown) => (AuditEntry & { action: string }) | undefined;
      // Emitted synchronously inside the request, so the request context is still current here.
      this.unsubscribe.push(
        this.events.on(name, async (event) => {
          const entry = toEntry(event);
          if (entry) await this.recorder.write(entry.action, entry);
        }),
      );
    }
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
