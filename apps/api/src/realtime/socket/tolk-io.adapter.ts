import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io beside the `/collab` WebSocket endpoint on one HTTP server.
 * engine.io destroys upgrade requests it does not own after a second unless
 * `destroyUpgrade` is off; `/collab` authenticates asynchronously before it
 * accepts an upgrade, so it must stay off (CollabServer ends foreign ones).
 */
export class TolkIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      destroyUpgrade: false,
      serveClient: false,
      // Clients only send small commands; nothing large travels this way.
      maxHttpBufferSize: 64 * 1024,
    } as ServerOptions);
  }
}
