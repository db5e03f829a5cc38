import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { COLLAB_CLOSE } from '@tolk/contracts';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { CollabSession as Session } from './collab-session';

// The session listens for the browser's online/offline events; Node 20 has neither window nor navigator.
const globals = globalThis as unknown as { window?: EventTarget; navigator?: { onLine: boolean } };
globals.window ??= new EventTarget();
globals.navigator ??= { onLine: true };

let CollabSession: typeof Session;
beforeAll(async () => {
  ({ CollabSession } = await import('./collab-session'));
});

/** A WebSocket server on 127.0.0.1 that answers each connection as `answer` says, and notes each URL. */
async function server(answer: (socket: import('ws').WebSocket, url: URL) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const urls: URL[] = [];
  wss.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    urls.push(url);
    answer(socket, url);
  });
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/collab`, urls, close: () => new Promise((r) => wss.close(r)) };
}

/** Waits until `check` holds (the session reacts to socket events, not to the test). */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open: { session: Session; close: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const { session, close } of open.splice(0)) {
    session.destroy();
    await close();
  }
});

async function start(answer: Parameters<typeof server>[0], renewToken: () => Promise<string | null>) {
  const s = await server(answer);
  const session = new CollabSession({
    documentId: 'doc-1',
    user: { id: 'u1', name: 'Ada' },
    token: 'first',
    renewToken,
    serverUrl: s.url,
    webSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  open.push({ session, close: s.close });
  return { session, urls: s.urls };
}

describe('CollabSession against a real WebSocket server', () => {
  it('asks for the document with its token and says connected', async () => {
    const { session, urls } = await start(
      () => undefined,
      () => Promise.resolve('renewed'),
    );
    await until(() => session.connection() === 'connected', 'connected');
    expect(urls[0].pathname).toBe('/collab/doc-1');
    expect(urls[0].searchParams.get('token')).toBe('first');
    expect(session.problem()).toBeNull();
  });

  it('stops for good with the problem a refusal names (404: notFound, 4403: accessRevoked)', async () => {
    const notFound = await start(
      (socket) => socket.close(COLLAB_CLOSE.notFound, 'document not found'),
      () => Promise.resolve(null),
    );
    await until(() => notFound.session.problem() !== null, 'a problem');
    expect(notFound.session.problem()).toBe('notFound');
    expect(notFound.session.connection()).toBe('offline');

    const revoked = await start(
      (socket) => socket.close(COLLAB_CLOSE.accessRevoked, 'removed'),
      () => Promise.resolve(null),
    );
    await until(() => revoked.session.problem() !== null, 'a problem');
    expect(revoked.session.problem()).toBe('accessRevoked');
    // No reconnecting after a permanent refusal.
    await new Promise((r) => setTimeout(r, 300));
    expect(revoked.urls).toHaveLength(1);
  });

  it('renews an expired token and connects again with the new one', async () => {
    let renewals = 0;
    const { session, urls } = await start(
      (socket, url) => {
        if (url.searchParams.get('token') === 'first') socket.close(COLLAB_CLOSE.unauthenticated, 'expired');
      },
      () => {
        renewals++;
        return Promise.resolve('second');
      },
    );
    await until(() => session.connection() === 'connected', 'connected again');
    expect(renewals).toBe(1);
    expect(urls.map((u) => u.searchParams.get('token'))).toEqual(['first', 'second']);
    expect(session.problem()).toBeNull();
  });

  it('ends the session when no new token comes', async () => {
    const { session } = await start(
      (socket) => socket.close(COLLAB_CLOSE.unauthenticated, 'expired'),
      () => Promise.resolve(null),
    );
    await until(() => session.problem() !== null, 'a problem');
    expect(session.problem()).toBe('sessionEnded');
    expect(session.connection()).toBe('offline');
  });
});
