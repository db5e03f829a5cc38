import { signal } from '@angular/core';
import { COLLAB_CLOSE } from '@tolk/contracts';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { userColor } from '../realtime/user-color';
import { renewalMessage } from './renewal-message';

/**
 * Close codes of `/collab`. 4400–4499 stop the stock client's reconnecting;
 * everything else (1001 going away, 1013 server busy) makes it retry with
 * backoff by itself.
 */
const CLOSE = COLLAB_CLOSE;

/** What the person sees of the connection. */
export type CollabConnection = 'connecting' | 'connected' | 'offline';

/** Why the live text stopped for good (until the page is reloaded), or null. */
export type CollabProblem =
  'accessRevoked' | 'notFound' | 'deleted' | 'badMessage' | 'tooManyConnections' | 'tooLarge' | 'sessionEnded' | null;

/** Someone with this document open, from the awareness states. */
export interface CollabPeer {
  /** The user id the server put in the state; the client id if it has none. */
  key: string;
  name: string;
  color: string;
  self: boolean;
}

export interface CollabSessionOptions {
  documentId: string;
  user: { id: string; name: string };
  token: string | null;
  /** Trade the refresh cookie for a new access token; null when the session has ended. */
  renewToken: () => Promise<string | null>;
  /** Where the endpoint lives; `ws(s)://<this host>/collab` by default. */
  serverUrl?: string;
  /** The WebSocket class (the browser's by default; the unit tests run in Node). */
  webSocket?: typeof WebSocket;
}

/** Pause before asking again after "too many connections". */
const TOO_MANY_RETRY_MS = 5_000;
/** Fresh tokens refused this many times in a row: stop instead of looping. */
const MAX_TOKEN_RENEWALS = 3;

/**
 * One open transcript: its Y.Doc (root `Y.Text` "content"), the stock
 * y-websocket provider, the undo manager and the awareness of who else is
 * in it, with the connection's state as signals for the page.
 *
 * Edits made while offline stay in the local Y.Doc; on reconnect the sync
 * handshake sends the server whatever it lacks, so nothing is lost.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText('content');
  /** Only this client's own edits: remote ones arrive with the provider as origin. */
  readonly undoManager = new Y.UndoManager(this.text);
  readonly provider: WebsocketProvider;

  readonly connection = signal<CollabConnection>('connecting');
  /** The server's state has been received on the current connection. */
  readonly synced = signal(false);
  /** The server's state arrived at least once: the text shown is the real one. */
  readonly loaded = signal(false);
  readonly problem = signal<CollabProblem>(null);
  readonly peers = signal<readonly CollabPeer[]>([]);

  private token: string | null;
  private renewals = 0;
  /** Between a 4401 and the reconnect with a fresh token. */
  private renewing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private readonly onOffline = (): void => this.goOffline();
  private readonly onOnline = (): void => this.comeBack();

  constructor(private readonly options: CollabSessionOptions) {
    this.token = options.token;
    const serverUrl = options.serverUrl ?? defaultServerUrl();
    this.provider = new WebsocketProvider(serverUrl, options.documentId, this.doc, {
      params: { token: this.token ?? '' },
      // Tabs of one browser talk through the server like everyone else, so
      // each tab's connection (and its read-only check) is the server's.
      disableBc: true,
      connect: false,
      ...(options.webSocket ? { WebSocketPolyfill: options.webSocket } : {}),
    });

    const { color, colorLight } = userColor(options.user.id);
    // The server overwrites id and name with the authenticated user's.
    this.provider.awareness.setLocalStateField('user', {
      id: options.user.id,
      name: options.user.name,
      color,
      colorLight,
    });

    this.provider.on('status', ({ status }) => this.onStatus(status));
    this.provider.on('sync', (synced: boolean) => this.onSync(synced));
    this.provider.on('connection-close', (event) => this.onConnectionClose(event));
    this.provider.on('closed', ({ code }) => this.onClosed(code));
    this.provider.awareness.on('change', () => this.readPeers());
    this.readPeers();

    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    if (!navigator.onLine) this.connection.set('offline');
    else this.provider.connect();
  }

  /**
   * The auth service renewed the token (before the old one expires): the
   * open connection gets it in-band, so the server keeps it open without a
   * reconnect; the next (re)connect uses it too.
   */
  setToken(token: string | null): void {
    const renewed = token !== null && token !== this.token;
    this.token = token;
    this.provider.params = { ...this.provider.params, token: token ?? '' };
    const ws = this.provider.ws;
    if (renewed && this.provider.wsconnected && ws?.readyState === WebSocket.OPEN) ws.send(renewalMessage(token));
  }

  /** After a problem the person can ask to try again (e.g. too many tabs). */
  reconnect(): void {
    if (this.destroyed) return;
    this.problem.set(null);
    clearTimeout(this.retryTimer);
    this.connection.set(this.provider.wsconnected ? 'connected' : 'connecting');
    this.provider.connect();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    // disconnect() tells the others that this cursor is gone before closing.
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.undoManager.destroy();
    this.doc.destroy();
  }

  private onStatus(status: 'connected' | 'connecting' | 'disconnected'): void {
    if (status === 'connected') {
      this.connection.set('connected');
    } else if (status === 'disconnected') {
      this.connection.set(this.renewing ? 'connecting' : 'offline');
    }
    // 'connecting' keeps what was shown: the first attempt says "Connecting…",
    // a retry after losing the connection keeps saying "Offline".
  }

  private onSync(synced: boolean): void {
    this.synced.set(synced);
    if (!synced) return;
    this.loaded.set(true);
    this.renewals = 0;
  }

  private onConnectionClose(event: CloseEvent | null): void {
    // y-websocket builds the URL from `params` at each connect: make sure the
    // next attempt carries the newest token.
    this.setToken(this.token);
    this.synced.set(false);
    if (this.destroyed || event === null) return;
    if (event.code === CLOSE.unauthenticated) {
      // A token refresh, not an outage: say "Connecting…", not "Offline".
      this.renewing = true;
      if (this.connection() === 'connected') this.connection.set('connecting');
      return;
    }
    this.connection.set('offline');
  }

  /** The server closed with a 44xx code: the stock client stopped retrying. */
  private onClosed(code: number): void {
    if (this.destroyed) return;
    switch (code) {
      case CLOSE.unauthenticated:
        void this.renewAndReconnect();
        return;
      case CLOSE.accessRevoked:
        this.stop('accessRevoked');
        return;
      case CLOSE.notFound:
        this.stop('notFound');
        return;
      case CLOSE.documentDeleted:
        this.stop('deleted');
        return;
      case CLOSE.tooLarge:
        // The refused edit is still in this tab's copy: reconnecting would send it again.
        this.stop('tooLarge');
        return;
      case CLOSE.tooManyConnections:
        this.problem.set('tooManyConnections');
        this.connection.set('offline');
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.reconnect(), TOO_MANY_RETRY_MS);
        return;
      default:
        // 4400 and any other permanent code: the client sent something the
        // server could not use; a fresh connection resynchronises.
        this.stop('badMessage');
    }
  }

  private async renewAndReconnect(): Promise<void> {
    this.renewals++;
    const token = this.renewals > MAX_TOKEN_RENEWALS ? null : await this.options.renewToken();
    this.renewing = false;
    if (this.destroyed) return;
    if (token === null) {
      this.stop('sessionEnded');
      return;
    }
    this.setToken(token);
    this.provider.connect();
  }

  private stop(problem: Exclude<CollabProblem, null>): void {
    this.problem.set(problem);
    this.connection.set('offline');
    this.provider.disconnect();
  }

  private goOffline(): void {
    if (this.destroyed) return;
    // The socket may linger for a while after the network is gone; close it
    // now, so the page says "Offline" at once. Edits keep going into the doc.
    this.provider.disconnect();
    this.connection.set('offline');
  }

  private comeBack(): void {
    if (this.destroyed || this.problem() !== null) return;
    this.provider.connect();
  }

  private readPeers(): void {
    const self = this.doc.clientID;
    const byUser = new Map<string, CollabPeer>();
    this.provider.awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') return;
      const key = typeof user.id === 'string' ? user.id : `client:${clientId}`;
      const color = typeof user.color === 'string' ? user.color : userColor(key).color;
      const known = byUser.get(key);
      // One person in two tabs is one avatar; "you" wins if one of them is this tab.
      if (known && (known.self || clientId !== self)) return;
      byUser.set(key, { key, name: user.name, color, self: clientId === self });
    });
    const peers = [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    const previous = this.peers();
    const same =
      previous.length === peers.length &&
      previous.every(
        (p, i) =>
          p.key === peers[i].key && p.name === peers[i].name && p.color === peers[i].color && p.self === peers[i].self,
      );
    if (!same) this.peers.set(peers);
  }
}

function defaultServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/collab`;
}
