import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client (what the web client runs), in Node. */
export interface CollabClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Resolves on the first full sync with the server. */
  synced: Promise<void>;
  /** Resolves with the close code of a permanent (44xx) close. */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

export function connectCollab(baseUrl: string, documentId: string, token: string | undefined): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('closed', (event: { code: number; reason: string }) => resolve(event));
  });
  return {
    doc,
    text: doc.getText('content'),
    provider,
    synced,
    closed,
    destroy() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until the condition holds (replication is asynchronous). */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw WebSocket to the endpoint, for sending what no stock client would. */
export interface RawSocket {
  ws: WebSocket;
  /** The close code, whenever the socket closes (listened to from the start). */
  closed: Promise<number>;
  /** The first message the server sent (it may arrive together with the handshake). */
  firstMessage: Promise<Buffer>;
}

export function rawSocket(baseUrl: string, documentId: string, token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${documentId}?token=${encodeURIComponent(token)}`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const firstMessage = new Promise<Buffer>((resolve) => ws.once('message', (data: Buffer) => resolve(data)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed, firstMessage }));
    ws.once('error', reject);
  });
}

/** The close code of a socket created just now (listen before it can close). */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
