import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ClusterBus } from '../cluster/cluster-bus.service.js';

/** A limit: at most `points` within `windowMs`, counted per key. */
export interface Limit {
  /** Names the counter (keys of different limits never meet). */
  name: string;
  points: number;
  windowMs: number;
}

/**
 * Every rate limit's counters, in one place: in Redis when `REDIS_URL` is
 * set, so all instances share one count per key, and in memory otherwise
 * (rate-limiter-flexible, fixed windows). While Redis is unreachable each
 * instance falls back to counting in its own memory rather than letting
 * everything through or refusing everything.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly redis: Redis | undefined;

  constructor(bus: ClusterBus) {
    const options = bus.redisOptions();
    if (options) {
      this.redis = new Redis(options.url, { ...options.options, enableOfflineQueue: false });
      this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    }
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** Counts one attempt: 0 when it is allowed, else the seconds until one is. */
  async take(limit: Limit, key: string): Promise<number> {
    try {
      await this.limiter(limit).consume(key, 1);
      return 0;
    } catch (rejection) {
      return secondsOf(rejection);
    }
  }

  /** Seconds until an attempt is allowed, without counting one (0: allowed now). */
  async wait(limit: Limit, key: string): Promise<number> {
    const state = await this.limiter(limit).get(key);
    if (!state || state.consumedPoints < limit.points) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Counts a failure without refusing anything now (the next `wait` tells). */
  async count(limit: Limit, key: string): Promise<void> {
    await this.limiter(limit).penalty(key, 1);
  }

  /** Forgets the key's count (a success). */
  async reset(limit: Limit, key: string): Promise<void> {
    await this.limiter(limit).delete(key);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private limiter(limit: Limit): RateLimiterAbstract {
    const id = `${limit.name}:${limit.points}:${limit.windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = {
        keyPrefix: `tolk:rl:${id}`,
        points: limit.points,
        // rate-limiter-flexible counts in whole seconds.
        duration: Math.max(1, Math.ceil(limit.windowMs / 1000)),
      };
      const memory = new RateLimiterMemory(options);
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function secondsOf(rejection: unknown): number {
  if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  throw rejection;
}
