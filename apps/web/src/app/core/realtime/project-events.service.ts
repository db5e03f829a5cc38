import { Injectable, type Signal, computed, effect, inject, signal, untracked } from '@angular/core';
import type { ClientToServerEvents, JoinAck, PresenceUser, ServerToClientEvents } from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { AuthService } from '../auth/auth.service';

export type ProjectEventName = keyof ServerToClientEvents;
/** What an event carries (docs/api.md, "Project events (socket.io)"). */
export type ProjectEventPayload<K extends ProjectEventName> = Parameters<ServerToClientEvents[K]>[0];
type Handler<K extends ProjectEventName> = (payload: ProjectEventPayload<K>) => void;
type EventSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a join may take before we count it as failed. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * The app's one socket.io connection for project events (docs/api.md,
 * "Project events (socket.io)"): who is in which document, and documents,
 * settings and members changing while a page is open.
 *
 * Pages say which projects they show (`join`) and which document is open
 * (`openDocument`); the service remembers both and repeats them after a
 * reconnect, because the server forgets a socket's rooms when it drops.
 * The socket belongs to the signed-in user: logging out closes it.
 */
@Injectable({ providedIn: 'root' })
export class ProjectEvents {
  private readonly auth = inject(AuthService);
  private socket: EventSocket | null = null;
  private socketUser: string | null = null;
  /** Project id → how many pages want its events. */
  private readonly joined = new Map<string, number>();
  /** Project id → the answer to the latest join, so presence waits for it. */
  private readonly joins = new Map<string, Promise<boolean>>();
  private document: { projectId: string; documentId: string } | null = null;
  private readonly handlers = new Map<ProjectEventName, Set<(payload: never) => void>>();
  private readonly presenceByProject = signal<ReadonlyMap<string, readonly PresenceUser[]>>(new Map());
  /** The socket stays open without any project joined: the user's own notifications come on it. */
  private keepOpen = false;
  private refusals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** Whether project events are arriving (for a quiet "live" hint, not for logic). */
  readonly connected = signal(false);

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        if (userId !== this.socketUser) this.close();
      });
    });
    // The server ends a socket whose token expires: hand it each renewed token in-band.
    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.renewOnSocket(token));
    });
  }

  /**
   * Receive a project's events until the returned function is called. Calls
   * are counted, so two components may follow the same project.
   */
  join(id: string): () => void {
    const projectId = normalise(id);
    this.joined.set(projectId, (this.joined.get(projectId) ?? 0) + 1);
    const socket = this.ensureSocket();
    if (socket?.connected && this.joined.get(projectId) === 1) this.sendJoin(socket, projectId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(projectId);
    };
  }

  /** Open the signed-in user's socket even with no project joined (for their notifications). */
  connect(): void {
    this.keepOpen = true;
    this.ensureSocket();
  }

  /** Tell the others which document this user has open (null: none). */
  openDocument(id: string, documentId: string | null): void {
    const projectId = normalise(id);
    const previous = this.document;
    this.document = documentId === null ? null : { projectId, documentId };
    const socket = this.socket;
    if (!socket?.connected) return;
    if (documentId === null) {
      if (previous?.projectId === projectId) socket.emit('presence:document', { projectId, documentId: null });
      return;
    }
    this.sendDocument(socket);
  }

  /** Everyone in the project right now, with the document each has open. */
  presence(projectId: string): Signal<readonly PresenceUser[]> {
    const key = normalise(projectId);
    return computed(() => this.presenceByProject().get(key) ?? []);
  }

  /** Listen to one event until the returned function is called. */
  on<K extends ProjectEventName>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    const entry = handler as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  private release(projectId: string): void {
    const count = (this.joined.get(projectId) ?? 0) - 1;
    if (count > 0) {
      this.joined.set(projectId, count);
      return;
    }
    this.joined.delete(projectId);
    this.joins.delete(projectId);
    if (this.document?.projectId === projectId) this.document = null;
    if (this.socket?.connected) this.socket.emit('project:leave', { projectId });
    this.presenceByProject.update((all) => {
      const next = new Map(all);
      next.delete(projectId);
      return next;
    });
  }

  private ensureSocket(): EventSocket | null {
    if (this.socket) return this.socket;
    const user = this.auth.user();
    if (!user) return null;
    this.socketUser = user.id;
    const socket: EventSocket = io({
      path: '/socket.io',
      // A function, so every (re)connect sends the token current at that moment.
      auth: (send) => send({ token: this.auth.accessToken() ?? '' }),
    });
    socket.on('connect', () => {
      this.refusals = 0;
      this.connected.set(true);
      for (const projectId of this.joined.keys()) this.sendJoin(socket, projectId);
      if (this.document) this.sendDocument(socket);
    });
    socket.on('disconnect', (reason) => {
      this.connected.set(false);
      // The server ended it (its token expired, or the account signed out
      // everywhere): socket.io leaves that to us. A refresh tells which.
      if (reason === 'io server disconnect') void this.renewAndReconnect(socket);
    });
    socket.on('connect_error', () => {
      // `active` is false when the server refused us (an expired token):
      // socket.io then waits for us. Network trouble retries by itself.
      if (socket.active) return;
      void this.renewAndReconnect(socket);
    });
    socket.onAny((event: string, payload: unknown) => this.dispatch(event, payload));
    this.socket = socket;
    return socket;
  }

  private renewOnSocket(token: string | null): void {
    const socket = this.socket;
    if (!token || !socket?.connected) return;
    // A refused token makes the server disconnect; the 'disconnect' handler takes it from there.
    socket.emit('auth:renew', { token });
  }

  private async renewAndReconnect(socket: EventSocket): Promise<void> {
    this.refusals++;
    const renewed = await this.auth.refresh();
    if (!renewed || socket !== this.socket) return;
    // A server that keeps refusing a fresh token gets ever longer pauses.
    const delay = Math.min(1000 * 2 ** (this.refusals - 1), 30_000);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        if (socket === this.socket) socket.connect();
      },
      this.refusals === 1 ? 0 : delay,
    );
  }

  private sendJoin(socket: EventSocket, projectId: string): void {
    const answer = new Promise<boolean>((resolve) => {
      // `batches`: "code all hits" arrives as one `coding:batch` event.
      const request = { projectId, batches: true };
      socket.timeout(ACK_TIMEOUT_MS).emit('project:join', request, (err: Error | null, ack?: JoinAck) => {
        resolve(!err && !!ack && 'ok' in ack && ack.ok);
      });
    });
    this.joins.set(projectId, answer);
  }

  /** After the project's join was answered, so the server knows we are in its room. */
  private sendDocument(socket: EventSocket): void {
    const open = this.document;
    if (!open) return;
    const joined = this.joins.get(open.projectId) ?? Promise.resolve(false);
    void joined.then((ok) => {
      if (!ok || this.document !== open || !socket.connected) return;
      socket.emit('presence:document', { projectId: open.projectId, documentId: open.documentId });
    });
  }

  private dispatch(event: string, payload: unknown): void {
    if (event === 'presence') this.storePresence(payload as ProjectEventPayload<'presence'>);
    const set = this.handlers.get(event as ProjectEventName);
    if (!set) return;
    for (const handler of [...set]) handler(payload as never);
  }

  private storePresence(event: ProjectEventPayload<'presence'>): void {
    if (!event || typeof event.projectId !== 'string' || !Array.isArray(event.users)) return;
    const projectId = normalise(event.projectId);
    if (!this.joined.has(projectId)) return;
    this.presenceByProject.update((all) => new Map(all).set(projectId, event.users));
  }

  /** Logged out or another user logged in: this socket speaks for nobody now. */
  private close(): void {
    clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.socket = null;
    this.socketUser = null;
    this.joins.clear();
    this.connected.set(false);
    this.presenceByProject.set(new Map());
    // Pages still alive keep their joins; the next socket repeats them.
    if ((this.joined.size > 0 || this.keepOpen) && this.auth.user()) this.ensureSocket();
  }
}

/** The server compares ids in lower case; a URL typed by hand may not be. */
function normalise(id: string): string {
  return id.toLowerCase();
}
