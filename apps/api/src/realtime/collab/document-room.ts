import { Logger } from '@nestjs/common';
import { COLLAB_CLOSE, MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DocumentGoneError } from '../../documents/update-log-writer.js';
import { COMMITTED_ELSEWHERE, textOf } from '../../documents/yjs-text.js';
import { stampAwareness } from './awareness-identity.js';
import { CollabConnection } from './collab-connection.js';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type RoomMessage,
} from './collab-protocol.js';
import type { LiveChange, RoomView, LiveStages } from './live-extension.js';
import type { LivePipeline } from './live-pipeline.js';
import { exceedsSizeLimit } from './size-guard.js';
import { checkUpdate } from './update-guard.js';

/** Which cursors an awareness update added, updated and removed (y-protocols' event). */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** A change made by the server itself (e.g. a restore), attributed to a user. */
export interface ServerOrigin {
  userId: string | null;
}

/** Thrown for a message that must close its connection (with `code`, COLLAB_CLOSE). */
export class ProtocolViolation extends Error {
  constructor(
    message: string,
    readonly code: number = COLLAB_CLOSE.badMessage,
  ) {
    super(message);
  }
}

const REFUSED_EDIT_LOG_INTERVAL_MS = 10_000;
/**
 * A cursor renewed without change (the stock client does it every 15 s; a
 * peer drops a cursor not renewed for 30 s) is passed on within this long,
 * with the other renewals of the room in one message. Clients that connected
 * together renew together, and 1,000 of them renewing one by one were a burst
 * of 10,000 sends and 1,000 Redis publishes every 15 s (bench:soak).
 */
const RENEWAL_BATCH_MS = 2_000;

/**
 * One transcript in memory with everyone connected to it: the stages of the
 * live path after load — apply, persist, broadcast, after-commit — with the
 * extensions' hooks (live-extension.ts) run by the pipeline.
 *
 * Every change to the document, from a client or the server, goes through
 * `onDocUpdate`: it is persisted and sent to the other connections only once
 * committed. `committed` follows the latest persist, so an answer computed
 * now (a SyncStep2) is sent only after everything it may contain is in
 * PostgreSQL: no client ever sees an edit the database lacks.
 */
export class DocumentRoom implements RoomView {
  readonly connections = new Set<CollabConnection>();
  readonly awareness: awarenessProtocol.Awareness;
  private readonly awarenessOwners = new Map<number, CollabConnection>();
  private committed: Promise<void> = Promise.resolve();
  /** The stages so far of the client update being applied now (read by `onDocUpdate`, which Yjs calls synchronously). */
  private applying: LiveStages | undefined;
  private isClosed = false;
  /** Cursors whose state changed in the awareness update being applied now (its 'change' comes before 'update'). */
  private readonly cursorsChanged = new Set<number>();
  /** Cursors renewed without change and not yet passed on: this instance's clients', and other instances'. */
  private readonly renewals = { here: new Set<number>(), elsewhere: new Set<number>() };
  private renewalTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly documentId: string,
    readonly projectId: string,
    readonly doc: Y.Doc,
    private readonly pipeline: LivePipeline,
    private readonly logger: Logger,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('change', this.onAwarenessChange);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Resolves once every change made so far is committed (or was refused by the store). */
  settled(): Promise<void> {
    return this.committed;
  }

  /** Waits for the commits so far, then lets the extensions store derived state (the plain text) now. */
  async store(): Promise<void> {
    await this.committed;
    if (!this.isClosed) await this.pipeline.store(this);
  }

  join(connection: CollabConnection): void {
    this.connections.add(connection);
    // Our SyncStep1 makes the client send what we lack (edits made offline).
    connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    }
  }

  leave(connection: CollabConnection): void {
    if (!this.connections.delete(connection)) return;
    const ids = [...connection.clientIds].filter((id) => this.awarenessOwners.get(id) === connection);
    // Tell the others now, or the departed cursor lingers until it times out.
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'left');
  }

  /** Handles one decoded message from a connection; throws ProtocolViolation to close it. */
  handle(connection: CollabConnection, message: RoomMessage): void {
    // Closing for shutdown: what a client sends now it sends again when it
    // reconnects (sync step 2 carries whatever the server lacks).
    if (this.isClosed) return;
    switch (message.type) {
      case 'sync-step-1':
        this.answerSyncStep1(connection, message.stateVector);
        return;
      case 'sync-step-2':
      case 'update':
        this.applyFromClient(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update);
        return;
      case 'query-awareness': {
        const states = [...this.awareness.getStates().keys()];
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
        return;
      }
    }
  }

  /** The text as it is in memory now. */
  get text(): string {
    return textOf(this.doc);
  }

  /** Waits for what is pending, lets the extensions store what is left (onUnload), frees the memory. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.doc.off('update', this.onDocUpdate);
    await this.committed;
    await this.pipeline.unload(this);
    this.destroy();
  }

  /** For a deleted document: nothing to save. */
  discard(): void {
    this.isClosed = true;
    this.destroy();
  }

  private destroy(): void {
    clearTimeout(this.renewalTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private answerSyncStep1(connection: CollabConnection, stateVector: Uint8Array): void {
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw new ProtocolViolation('malformed state vector');
    }
    void this.committed.then(() => connection.send(encodeSyncStep2(update)));
  }

  private applyFromClient(connection: CollabConnection, update: Uint8Array): void {
    const received = performance.now();
    if (connection.readOnly) {
      // Not applied, not stored, not forwarded; said once in a while.
      const now = Date.now();
      if (now - connection.lastRefusedEditLog > REFUSED_EDIT_LOG_INTERVAL_MS) {
        connection.lastRefusedEditLog = now;
        this.logger.warn(
          `Ignored an edit from ${connection.user.name} (${connection.user.id}, ${connection.role}, read-only) to document ${this.documentId}`,
        );
      }
      return;
    }
    const verdict = checkUpdate(this.doc, update);
    if (!verdict.ok) throw new ProtocolViolation(`update refused: ${verdict.reason}`);
    // Not applied, so neither stored nor sent on: the same limit as REST.
    if (exceedsSizeLimit(this.doc, update, MAX_DOCUMENT_BYTES, verdict.insertedBytes))
      throw new ProtocolViolation('the transcript would exceed its size limit', COLLAB_CLOSE.tooLarge);
    this.applying = { received, validated: performance.now() };
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      throw new ProtocolViolation(`update could not be applied: ${String(error)}`);
    } finally {
      this.applying = undefined;
    }
  }

  private applyAwareness(connection: CollabConnection, update: Uint8Array): void {
    let stamped;
    try {
      stamped = stampAwareness(update, connection.user, (id) => {
        const owner = this.awarenessOwners.get(id);
        return owner === undefined || owner === connection;
      });
    } catch (error) {
      throw new ProtocolViolation(`bad awareness update: ${String(error)}`);
    }
    for (const id of stamped.clientIds) {
      this.awarenessOwners.set(id, connection);
      connection.clientIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, connection);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const { documentId, projectId } = this;
    if (origin === COMMITTED_ELSEWHERE) {
      const change: LiveChange = { documentId, projectId, update, origin: { kind: 'elsewhere' } };
      const message = encodeUpdate(update);
      for (const connection of this.connections) connection.send(message);
      this.pipeline.broadcast(change, this.connections.size);
      if (!this.isClosed) this.pipeline.afterCommit(change, this);
      return;
    }
    // Only an update that changed the document gets here (a client's sync reply often changes nothing).
    const sender = origin instanceof CollabConnection ? origin : undefined;
    const change: LiveChange = {
      documentId,
      projectId,
      update,
      origin: sender
        ? { kind: 'client', connection: sender }
        : { kind: 'server', userId: (origin as ServerOrigin | null)?.userId ?? null },
      stages: sender ? this.applying : undefined,
    };
    const stored = this.pipeline.persist(change);
    this.committed = stored.catch(() => undefined);
    stored.then(
      () => {
        if (change.stages) change.stages.committed = performance.now();
        const message = encodeUpdate(update);
        let sent = 0;
        for (const connection of this.connections) {
          if (connection === sender) continue;
          connection.send(message);
          sent++;
        }
        if (change.stages) change.stages.sent = performance.now();
        this.pipeline.broadcast(change, sent);
        if (!this.isClosed) this.pipeline.afterCommit(change, this);
      },
      (error: unknown) => {
        if (!(error instanceof DocumentGoneError))
          this.logger.error(`Update of ${this.documentId} not stored: ${String(error)}`);
      },
    );
  };

  /** Applies changes another instance has committed (Yjs ignores what the document already has). */
  applyCommittedElsewhere(update: Uint8Array): void {
    if (this.isClosed) return;
    Y.applyUpdate(this.doc, update, COMMITTED_ELSEWHERE);
  }

  /** Cursors of another instance's clients. */
  applyAwarenessElsewhere(update: Uint8Array): void {
    if (this.isClosed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, COMMITTED_ELSEWHERE);
  }

  private readonly onAwarenessChange = ({ added, updated, removed }: AwarenessChanges): void => {
    for (const id of [...added, ...updated, ...removed]) this.cursorsChanged.add(id);
  };

  private readonly onAwarenessUpdate = ({ added, updated, removed }: AwarenessChanges, origin: unknown): void => {
    const elsewhere = origin === COMMITTED_ELSEWHERE;
    const now = [...added, ...removed];
    for (const id of updated) {
      if (this.cursorsChanged.has(id)) now.push(id);
      else (elsewhere ? this.renewals.elsewhere : this.renewals.here).add(id);
    }
    this.cursorsChanged.clear();
    for (const id of now) {
      // Its newest state goes now; an older renewal of it need not follow.
      this.renewals.here.delete(id);
      this.renewals.elsewhere.delete(id);
    }
    if (now.length > 0) this.passOnAwareness(now, elsewhere);
    if (this.renewals.here.size + this.renewals.elsewhere.size > 0 && !this.renewalTimer) {
      this.renewalTimer = setTimeout(this.passOnRenewals, RENEWAL_BATCH_MS);
      this.renewalTimer.unref();
    }
    for (const id of removed) {
      const owner = this.awarenessOwners.get(id);
      owner?.clientIds.delete(id);
      this.awarenessOwners.delete(id);
    }
  };

  private readonly passOnRenewals = (): void => {
    this.renewalTimer = undefined;
    if (this.isClosed) return;
    for (const elsewhere of [false, true]) {
      const pending = elsewhere ? this.renewals.elsewhere : this.renewals.here;
      const ids = [...pending].filter((id) => this.awareness.states.has(id));
      pending.clear();
      if (ids.length > 0) this.passOnAwareness(ids, elsewhere);
    }
  };

  /** Sends these cursors to every connection, the sender included (the stock client expects its echo), and to other instances. */
  private passOnAwareness(ids: number[], elsewhere: boolean): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    const message = encodeAwareness(update);
    for (const connection of this.connections) connection.send(message);
    if (!elsewhere) this.pipeline.awareness(this, update);
  }
}
