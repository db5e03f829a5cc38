// Test support: the `/collab` side of one transcript for the stores' tests (see store-testing.ts),
// and a live CollabSession on it. The app never imports it.
import { createAnchor, encodeAnchor } from '@tolk/anchoring';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CollabSession } from '../core/collab/collab-session';

// The collab session listens for the browser's online/offline events; Node 20 has neither window nor navigator.onLine.
const globals = globalThis as unknown as { window?: EventTarget; navigator?: { onLine?: boolean } };
globals.window ??= new EventTarget();
if (globals.navigator?.onLine === undefined) {
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true, writable: true });
}

/** Waits until `check` holds: the stores answer requests and socket messages, not the test. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The `/collab` side of one transcript: a Yjs document that answers the
 * y-websocket sync handshake and passes every update on to the other
 * connections. `edit` changes the text as another person typing would.
 */
export class YjsServer {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('content');
  private readonly sockets = new Set<WebSocket>();

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (socket) => this.accept(socket));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const socket of this.sockets) if (socket !== origin) socket.send(message);
    });
  }

  static async start(content: string): Promise<YjsServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const server = new YjsServer(wss);
    server.text.insert(0, content);
    return server;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/collab`;
  }

  edit(change: (text: Y.Text) => void): void {
    this.doc.transact(() => change(this.text));
  }

  /** Anchors made in the server's copy of the text, as the api stores them. */
  anchors(from: number, to: number): { startAnchor: string; endAnchor: string } {
    return encodeAnchor(createAnchor(this.text, from, to));
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data: RawData) => {
      // The server side of `ws` hands binary messages over as one Buffer.
      const decoder = decoding.createDecoder(new Uint8Array(data as Buffer));
      // 0: sync; 1 (awareness) is of no interest here.
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, socket);
      if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
    });
    const hello = encoding.createEncoder();
    encoding.writeVarUint(hello, 0);
    syncProtocol.writeSyncStep1(hello, this.doc);
    socket.send(encoding.toUint8Array(hello));
  }
}

/** A live session on `server`'s transcript, once the server's text has arrived. */
export async function openSession(server: YjsServer, documentId: string): Promise<CollabSession> {
  // Loaded late: the session module wants the globals above in place.
  const { CollabSession } = await import('../core/collab/collab-session');
  const session = new CollabSession({
    documentId,
    user: { id: 'u-ada', name: 'Ada' },
    token: 'token',
    renewToken: () => Promise.resolve('token'),
    serverUrl: server.url,
    webSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await until(() => session.loaded(), 'the text from the server');
  return session;
}
