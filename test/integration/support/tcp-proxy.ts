import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP relay on a free port of 127.0.0.1 to one or more backends, to play
 * a network in tests: `cut()` drops every open connection and refuses new
 * ones (the backend "becomes unreachable"), `restore()` lets them through
 * again. With several backends, new connections go round-robin to those not
 * marked down (a plain load balancer, no sticky sessions).
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  restore(): void;
  /** Send no new connections to this backend (it was killed). */
  markDown(backendPort: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(backendPorts: number[]): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const down = new Set<number>();
  let cut = false;
  let next = 0;
  const server: Server = createServer((client) => {
    const live = backendPorts.filter((p) => !down.has(p));
    if (cut || live.length === 0) {
      client.destroy();
      return;
    }
    const backend = connect(live[next++ % live.length], '127.0.0.1');
    for (const [a, b] of [
      [client, backend],
      [backend, client],
    ] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    markDown(backendPort) {
      down.add(backendPort);
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
