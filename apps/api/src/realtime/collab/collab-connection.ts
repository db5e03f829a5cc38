import type { ProjectRole } from '@tolk/contracts';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import type { Identity } from './awareness-identity.js';

/** One open `/collab` WebSocket: who it is, where, and what it may do. */
/** Bytes queued for one client before it counts as gone. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let nextId = 0;

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
  ) {}

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

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }
}
