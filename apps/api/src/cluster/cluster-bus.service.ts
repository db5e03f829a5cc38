import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';

type Handler = (message: Buffer) => void;

/**
 * The link between api instances, over Redis pub/sub, when `REDIS_URL` is
 * set; without it Tolk runs as one instance and publishing does nothing.
 *
 * Pub/sub is fire-and-forget: messages published while Redis is away are
 * lost. That is acceptable because PostgreSQL stays the source of truth:
 * whoever relies on the bus also listens to `onReconnected` and catches up
 * from the database. Publishing never waits for Redis (no offline queue),
 * so an outage cannot hold up an edit or fill the memory.
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnApplicationShutdown {
  /** This process, so that it can ignore its own messages. */
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('Cluster');
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly reconnects = new EventEmitter();
  private wasDown = false;

  constructor(@InjectSettings() private readonly settings: RuntimeSettings) {}

  get enabled(): boolean {
    return this.settings.redisUrl !== undefined;
  }

  /** Connection options for other Redis clients of this instance (the socket.io adapter). */
  redisOptions(): { url: string; options: RedisOptions } | undefined {
    const url = this.settings.redisUrl;
    return url ? { url, options: connectionOptions() } : undefined;
  }

  async onModuleInit(): Promise<void> {
    const url = this.settings.redisUrl;
    if (!url) return;
    // Auto-pipelining sends every publish made while handling one round of socket reads in one write:
    // 1,000 clients renewing their cursors at once were otherwise 1,000 writes to Redis (a third of the
    // instance's time in those bursts, bench:soak's CPU profile).
    this.publisher = new Redis(url, {
      ...connectionOptions(),
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      lazyConnect: true,
    });
    this.subscriber = new Redis(url, { ...connectionOptions(), lazyConnect: true });
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (error: Error) => this.logger.warn(`Redis ${role}: ${error.message}`));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      for (const handler of this.handlers.get(channel.toString()) ?? []) {
        try {
          handler(message);
        } catch (error) {
          this.logger.error(`A handler of ${channel.toString()} failed: ${String(error)}`);
        }
      }
    });
    this.subscriber.on('close', () => {
      if (!this.wasDown) this.logger.warn('Lost Redis: serving this instance’s clients alone until it is back');
      this.wasDown = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      this.logger.log('Redis is back: catching up from PostgreSQL');
      this.reconnects.emit('reconnected');
    });
    // The first connection must work: an instance that cannot reach Redis at
    // start would silently serve a split cluster.
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.wasDown = false;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.publisher?.quit(), this.subscriber?.quit()]);
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  /** Tells the other instances; dropped (with nothing waiting) while Redis is unreachable. */
  publish(channel: string, message: Buffer | string): void {
    const publisher = this.publisher;
    if (!publisher || publisher.status !== 'ready') return;
    publisher
      .publish(channel, message)
      .catch((error: unknown) => this.logger.warn(`Could not publish on ${channel}: ${String(error)}`));
  }

  /** Handles what other instances publish on `channel` (and our own: filter with `instanceId`). */
  async subscribe(channel: string, handler: Handler): Promise<void> {
    const known = this.handlers.get(channel);
    if (known) {
      known.push(handler);
      return;
    }
    this.handlers.set(channel, [handler]);
    await this.subscriber?.subscribe(channel);
  }

  /** Called when Redis is reachable again after an outage: catch up from PostgreSQL. */
  onReconnected(listener: () => void): () => void {
    this.reconnects.on('reconnected', listener);
    return () => this.reconnects.off('reconnected', listener);
  }
}

function connectionOptions(): RedisOptions {
  return {
    // Keep trying, a little slower each time, up to every two seconds.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    maxRetriesPerRequest: 1,
    connectionName: 'tolk',
  };
}
