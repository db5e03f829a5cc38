import { COLLAB_CLOSE, type ProjectRole } from '@tolk/contracts';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import type { Identity } from './awareness-identity.js';

/** Bytes queued for one client before it counts as gone. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;

let nextId = 0;

/** One open `/collab` WebSocket: who it is, where, what it may do and until when. */
export class CollabConnection {
  /** Unique in this process (presence keys, logs). */
  readonly id = ++nextId;
  /** Awareness client ids this connection announced (removed when it closes). */
  readonly clientIds = new Set<number>();
  /** Last time the client answered a ping. */
  alive = true;
  /** Throttles the log line for a read-only client's attempted edits. */
  lastRefusedEditLog = 0;
  private edited = false;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly user: Identity,
    readonly documentId: string,
    readonly projectId: string,
    public role: ProjectRole,
    /** Viewers, and supervisors unless the project lets them edit text. */
    public readOnly: boolean,
    /** The upgrade request: where the connection came from (audit). */
    readonly request?: IncomingMessage,
    /** When its token expires (ms since the epoch); renewed in-band. */
    public expiresAt = Number.POSITIVE_INFINITY,
  ) {
    this.expireAt(expiresAt);
  }

  get expired(): boolean {
    return Date.now() >= this.expiresAt;
  }

  /** Closes the connection with 4401 at `expiresAt` unless renewed before. */
  expireAt(expiresAt: number): void {
    this.expiresAt = expiresAt;
    clearTimeout(this.expiryTimer);
    if (!Number.isFinite(expiresAt)) return;
    // setTimeout takes at most 2^31-1 ms; a longer wait is re-armed when it ends.
    const wait = Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => {
      if (this.expired) this.close(COLLAB_CLOSE.unauthenticated, 'token expired');
      else this.expireAt(this.expiresAt);
    }, wait);
    this.expiryTimer.unref();
  }

  /** True the first time it is asked about: this connection's first committed edit. */
  firstEdit(): boolean {
    if (this.edited) return false;
    this.edited = true;
    return true;
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // A client that stopped reading would make us buffer without bound: drop
    // it; it resyncs when it reconnects.
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(message);
  }

  /** The socket closed: nothing left to time. */
  closed(): void {
    clearTimeout(this.expiryTimer);
  }

  close(code: number, reason: string): void {
    clearTimeout(this.expiryTimer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }
}
