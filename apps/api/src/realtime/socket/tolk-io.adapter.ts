import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { ClusterBus } from '../../cluster/cluster-bus.service.js';
import { isCrossSite } from '../../platform/csrf.js';

/**
 * socket.io beside the `/collab` WebSocket endpoint on one HTTP server.
 * engine.io destroys upgrade requests it does not own after a second unless
 * `destroyUpgrade` is off; `/collab` authenticates asynchronously before it
 * accepts an upgrade, so it must stay off (CollabServer ends foreign ones).
 *
 * With Redis configured, rooms span every api instance (the socket.io Redis
 * adapter): an event emitted to a project on one instance reaches its
 * members on all of them.
 */
export class TolkIoAdapter extends IoAdapter {
  private readonly redisClients: Redis[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      destroyUpgrade: false,
      serveClient: false,
      // Clients only send small commands; nothing large travels this way.
      maxHttpBufferSize: 64 * 1024,
      // No CORS headers (closed), and a page of another site may not connect
      // at all, even holding a token (the /collab endpoint checks the same).
      cors: undefined,
      allowRequest: (request, callback) => callback(null, !isCrossSite(request)),
    } as ServerOptions);
    const redis = this.app.get(ClusterBus).redisOptions();
    if (redis) {
      const pub = new Redis(redis.url, redis.options);
      const sub = pub.duplicate();
      for (const client of [pub, sub]) client.on('error', () => undefined); // ClusterBus logs Redis trouble once
      this.redisClients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: 'tolk:socket.io' }));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of this.redisClients.splice(0)) client.disconnect();
  }
}
