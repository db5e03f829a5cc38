import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { CollabConnection } from './collab-connection.js';

/**
 * The live path of a transcript, stage by stage:
 *
 *   authenticate → load → apply → persist → broadcast → after-commit
 *
 * - authenticate: CollabServer checks the token and the membership, then
 *   every extension's `afterAuthenticate` runs before any text is sent;
 * - load: the first `onLoad` that answers gives the document (persistence);
 * - apply: built in; a client's update is validated (update-guard) before it
 *   touches the document, a read-only client's is dropped;
 * - persist: every `onPersist` must resolve before anyone else sees the
 *   change (commit before broadcast);
 * - broadcast: built in; the change goes to this instance's other
 *   connections, then `onBroadcast` hears how many;
 * - after-commit: `afterCommit` of every extension, for what follows a
 *   durable change (fan-out to other instances, "the text changed").
 * Besides: `onAwareness` (a local cursor moved), `onStore` (store derived
 * state now) and `onUnload` (the room is closing, store what is left).
 *
 * Extensions are Nest providers listed in LIVE_EXTENSIONS and run in
 * ascending `priority`. A hook that throws is logged and does not stop the
 * others, except `afterAuthenticate` (refuses the connection) and
 * `onPersist` (the change is not broadcast).
 */
export interface LiveExtension {
  /** For logs. */
  readonly name: string;
  /** Lower runs first; 100 when absent. */
  readonly priority?: number;

  /** Hooked up once when the rooms start: `host` lets an extension feed changes in (another instance's). */
  onConfigure?(host: LiveHost): void | Promise<void>;
  /** A connection was admitted (token and membership checked), before anything of the text is sent. */
  afterAuthenticate?(context: AuthenticatedContext): Promise<void>;
  /** The document from storage, or undefined when it does not exist. */
  onLoad?(context: DocumentContext): Promise<LoadedDocument | undefined>;
  /** The change is durable when this resolves. */
  onPersist?(change: LiveChange): Promise<void>;
  /** The change was sent to `recipients` connections of this instance. */
  onBroadcast?(change: LiveChange, recipients: number): void;
  /** The change is durable and sent; also for changes another instance committed (`origin.kind === 'elsewhere'`). */
  afterCommit?(change: LiveChange, room: RoomView): void;
  /** A cursor or selection of one of this instance's clients changed (encoded awareness update). */
  onAwareness?(context: DocumentContext, update: Uint8Array): void;
  /** Store what derives from the document now (a server-side edit wants the plain text current at once). */
  onStore?(room: RoomView): Promise<void>;
  /** The room is being unloaded (not for a deleted document), everything appended is committed: store what is left. */
  onUnload?(room: RoomView): Promise<void>;
}

export interface DocumentContext {
  documentId: string;
  projectId: string;
}

export interface LoadedDocument {
  doc: Y.Doc;
  /** Updates stored after the merged state (persistence counts towards compaction from there). */
  updatesSinceState: number;
}

export interface AuthenticatedContext extends DocumentContext {
  user: { id: string; name: string };
  /** The upgrade request (address, user agent). */
  request: IncomingMessage;
}

/** Who made a change. */
export type ChangeOrigin =
  | { kind: 'client'; connection: CollabConnection }
  | { kind: 'server'; userId: string | null }
  /** Committed by another instance (or already stored): never persisted again. */
  | { kind: 'elsewhere' };

export interface LiveChange extends DocumentContext {
  update: Uint8Array;
  origin: ChangeOrigin;
  /** When a client's change passed each stage (`performance.now()` ms), for the per-stage latency in `/metrics`. */
  stages?: LiveStages;
}

/** The moments of a client's change on its way through the room: received → validated → committed → sent. */
export interface LiveStages {
  received: number;
  validated: number;
  committed?: number;
  sent?: number;
}

/** What extensions may see of a room. */
export interface RoomView extends DocumentContext {
  readonly doc: Y.Doc;
  /** True once the room started closing or was discarded. */
  readonly closed: boolean;
}

/** What the rooms offer extensions that bring changes in from outside. */
export interface LiveHost {
  /** Applies changes already committed elsewhere to the document if this instance holds it (or is loading it). */
  applyCommittedElsewhere(documentId: string, update: Uint8Array): void;
  /** Applies cursors of another instance's clients. */
  applyAwarenessElsewhere(documentId: string, update: Uint8Array): void;
  /** Brings every open document up to date from storage (after missing messages). */
  catchUpAll(): Promise<void>;
}

/** Injection token: the extensions of the live path, in any order (they are sorted by priority). */
export const LIVE_EXTENSIONS = Symbol('LIVE_EXTENSIONS');
