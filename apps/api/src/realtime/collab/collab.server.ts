import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  COLLAB_CLOSE,
  MAX_COLLAB_MESSAGE_BYTES,
  may,
  type Permission,
  type ProjectRole,
  type ProjectSettings,
} from '@tolk/contracts';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { TokensService } from '../../auth/tokens.service.js';
import { InjectSettings, type RuntimeSettings } from '../../config/settings.module.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { DocumentsRepository } from '../../documents/documents.repository.js';
import { isMemoKey, memoIdOf } from '../../documents/live-key.js';
import { MemosRepository } from '../../memos/memos.repository.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { isDatabaseUnavailable } from '../../platform/database-unavailable.js';
import { DomainEvents } from '../../platform/domain-events.js';
import { ProjectAccessService } from '../../projects/project-access.service.js';
import { PresenceService } from '../presence.service.js';
import { isCollabPath, parseCollabRequest } from './collab-auth.js';
import { CollabConnection } from './collab-connection.js';
import { decodeMessage } from './collab-protocol.js';
import { ConnectionSlots } from './connection-slots.js';
import { CollabRooms, TooManyRoomsError } from './collab-rooms.service.js';
import { type DocumentRoom, ProtocolViolation } from './document-room.js';

const PING_INTERVAL_MS = 30_000;

type Admission =
  | {
      ok: true;
      room: DocumentRoom;
      user: { id: string; name: string };
      role: CollabConnection['role'];
      readOnly: boolean;
      /** When the token it came with expires (ms since the epoch). */
      expiresAt: number;
      /** Frees the user's connection slot (held from admission until the socket closes). */
      release: () => void;
    }
  | { ok: false; code: number; reason: string };

/**
 * The y-websocket endpoint `/collab/:documentId` on the api's own port,
 * beside socket.io: the authenticate stage of the live path
 * (live-extension.ts). Each upgrade goes through authenticate → load before
 * the WebSocket is accepted; refusals are sent as close codes after
 * accepting, because the stock client retries forever on a refused upgrade
 * but stops on a 44xx close (COLLAB_CLOSE). Messages then go to the
 * document's room: apply → persist → broadcast → after-commit.
 */
const everywhere = { fromEveryInstance: true };

@Injectable()
export class CollabServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Collab');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COLLAB_MESSAGE_BYTES });
  private readonly connections = new Set<CollabConnection>();
  /** Settings of the projects with open connections (refreshed by `project.updated`). */
  private readonly settings = new Map<string, ProjectSettings>();
  private readonly unsubscribe: (() => void)[] = [];
  private server: Server | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly slots: ConnectionSlots;

  constructor(
    private readonly httpAdapterHost: HttpAdapterHost,
    private readonly tokens: TokensService,
    private readonly access: ProjectAccessService,
    private readonly rooms: CollabRooms,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
    private readonly users: UsersRepository,
    private readonly documents: DocumentsRepository,
    private readonly memos: MemosRepository,
    @InjectSettings() settings: RuntimeSettings,
  ) {
    this.slots = new ConnectionSlots(() => settings.collabConnectionsPerUser);
  }

  onApplicationBootstrap(): void {
    this.metrics.gauge('tolk_collab_connections', 'Open live-text (/collab) connections', () => this.connections.size);
    this.server = this.httpAdapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.unsubscribe.push(
      // Wherever the change was made, this instance's connections follow it.
      this.events.on(
        'member.changed',
        ({ projectId, userId, role }) => this.applyMemberChange(projectId, userId, role),
        everywhere,
      ),
      this.events.on('project.updated', ({ project }) => this.applySettings(project.id, project.settings), everywhere),
      this.events.on('project.deleted', ({ projectId }) => this.closeProject(projectId), everywhere),
      this.events.on('document.deleted', ({ documentId }) => this.closeDocument(documentId), everywhere),
      this.events.on('user.sessionsRevoked', ({ userId }) => this.closeUser(userId), everywhere),
    );
  }

  /** Stop taking connections, tell clients to reconnect elsewhere, store every open document. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.server?.off('upgrade', this.onUpgrade);
    clearInterval(this.pingTimer);
    for (const off of this.unsubscribe) off();
    for (const connection of this.connections) connection.close(COLLAB_CLOSE.goingAway, 'server shutting down');
    await this.rooms.closeAll();
    this.wss.close();
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!isCollabPath(request.url)) {
      // socket.io answers its own upgrades; nobody else may upgrade.
      if (!(request.url ?? '').startsWith('/socket.io/')) socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    this.admit(request).then(
      (admission) => this.accept(request, socket, head, admission),
      (error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          // The stock client retries with backoff; the connection succeeds once PostgreSQL is back.
          this.logger.warn(`Refused a collab connection, the database is unreachable: ${String(error)}`);
          this.accept(request, socket, head, {
            ok: false,
            code: COLLAB_CLOSE.tryAgainLater,
            reason: 'database unavailable, try again shortly',
          });
          return;
        }
        this.logger.error(`Could not admit a collab connection: ${String(error)}`);
        this.accept(request, socket, head, { ok: false, code: 1011, reason: 'internal error' });
      },
    );
  };

  /**
   * Takes one of the user's connection slots before anything is awaited
   * (so simultaneous connections are counted), then admits or refuses; a
   * refusal or failure gives the slot back.
   */
  private admit(request: IncomingMessage): Promise<Admission> {
    if (this.stopping)
      return Promise.resolve({ ok: false, code: COLLAB_CLOSE.goingAway, reason: 'server shutting down' });
    const { documentId, token, sameOrigin } = parseCollabRequest(request);
    const refuse = (code: number, reason: string): Promise<Admission> => Promise.resolve({ ok: false, code, reason });
    if (!token) return refuse(COLLAB_CLOSE.unauthenticated, 'sign in first');
    if (!sameOrigin) return refuse(COLLAB_CLOSE.unauthenticated, 'cookie from another origin');
    const subject = this.tokens.subjectOf(token.value, token.kind);
    if (!subject) return refuse(COLLAB_CLOSE.unauthenticated, 'invalid or expired token');
    const slot = this.slots.reserve(subject);
    if (!slot) return refuse(COLLAB_CLOSE.tooManyConnections, 'too many open connections');
    return this.admitWithSlot(documentId, token, request, slot.release).then(
      (admission) => {
        if (!admission.ok) slot.release();
        return admission;
      },
      (error: unknown) => {
        slot.release();
        throw error;
      },
    );
  }

  /** authenticate → check membership → load the document. */
  private async admitWithSlot(
    documentId: string | undefined,
    token: { value: string; kind: 'access' | 'refresh' },
    request: IncomingMessage,
    release: () => void,
  ): Promise<Admission> {
    const verified = await this.tokens.verifyUntil(token.value, token.kind);
    const user = verified ? await this.users.findById(verified.userId) : null;
    if (!verified || !user)
      return { ok: false, code: COLLAB_CLOSE.unauthenticated, reason: 'invalid or expired token' };

    const notFound = { ok: false, code: COLLAB_CLOSE.notFound, reason: 'document not found' } as const;
    const document = documentId ? await this.locate(documentId) : null;
    if (!document) return notFound;
    const membership = await this.access.find({ userId: user.id }, document.projectId);
    if (!membership) return notFound;

    // The extensions' say before anything of the text is sent (the audit log records the reading).
    await this.rooms.pipeline.afterAuthenticate({
      documentId: document.id,
      projectId: document.projectId,
      user: { id: user.id, name: user.name },
      request,
    });
    let room: DocumentRoom | undefined;
    try {
      room = await this.rooms.open(document.id, document.projectId);
    } catch (error) {
      if (error instanceof TooManyRoomsError)
        return { ok: false, code: COLLAB_CLOSE.tryAgainLater, reason: 'server busy' };
      throw error;
    }
    if (!room) return notFound;
    // Kept per project, so role and settings changes apply to open connections without a query.
    this.settings.set(document.projectId, membership.project.settings);
    return {
      ok: true,
      room,
      user: { id: user.id, name: user.name },
      role: membership.role,
      // Read-only unless the role may edit text (the table in @tolk/contracts); the room refuses its updates.
      readOnly: !may(membership.role, editPermission(document.id), membership.project.settings),
      expiresAt: verified.expiresAt,
      release,
    };
  }

  /** The transcript or memo (key `memo:<id>`) a connection asks for, with its project. */
  private async locate(key: string): Promise<{ id: string; projectId: string } | null> {
    const memoId = memoIdOf(key);
    const projectId =
      memoId === undefined ? await this.documents.projectIdOf(key) : await this.memos.projectIdOf(memoId);
    return projectId ? { id: key, projectId } : null;
  }

  private accept(request: IncomingMessage, socket: Duplex, head: Buffer, admission: Admission): void {
    let upgraded = false;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      upgraded = true;
      if (!admission.ok) {
        ws.close(admission.code, admission.reason);
        return;
      }
      if (this.stopping) {
        ws.close(COLLAB_CLOSE.goingAway, 'server shutting down');
        this.rooms.released(admission.room);
        admission.release();
        return;
      }
      this.attach(ws, admission, request);
    });
    // ws completes an upgrade synchronously, or gives up on it (the client
    // vanished while we authenticated, or sent a bad handshake): then no
    // connection holds the room we loaded for it.
    if (!upgraded && admission.ok) {
      this.rooms.released(admission.room);
      admission.release();
    }
  }

  private attach(ws: WebSocket, admission: Extract<Admission, { ok: true }>, request: IncomingMessage): void {
    const { room, user, role, readOnly, expiresAt, release } = admission;
    const connection = new CollabConnection(
      ws,
      user,
      room.documentId,
      room.projectId,
      role,
      readOnly,
      request,
      expiresAt,
    );
    this.connections.add(connection);
    // Presence says who is in which transcript; a memo's writers see each other by their cursors.
    const leavePresence = isMemoKey(room.documentId)
      ? () => undefined
      : this.presence.add(room.projectId, `collab:${connection.id}`, {
          userId: user.id,
          name: user.name,
          documentId: room.documentId,
        });

    ws.binaryType = 'nodebuffer';
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // Whatever arrives after the token's expiry is dropped, never stored (the timer closes the socket too).
      if (connection.expired) {
        connection.close(COLLAB_CLOSE.unauthenticated, 'token expired');
        return;
      }
      try {
        if (!isBinary) throw new ProtocolViolation('text frames are not part of the protocol');
        const message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (message.type === 'renew-token') void this.renew(connection, message.token);
        else room.handle(connection, message);
      } catch (error) {
        const reason = error instanceof ProtocolViolation ? error.message : 'malformed message';
        const code = error instanceof ProtocolViolation ? error.code : COLLAB_CLOSE.badMessage;
        this.logger.warn(`Closing ${user.name}'s connection to ${room.documentId}: ${reason}`);
        this.metrics.errors.inc({ kind: code === COLLAB_CLOSE.tooLarge ? 'collab_too_large' : 'collab_protocol' });
        connection.close(code, reason.slice(0, 120));
      }
    });
    ws.on('error', (error) => this.logger.warn(`Collab socket error (${user.name}): ${error.message}`));
    ws.on('close', () => {
      connection.closed();
      release();
      this.connections.delete(connection);
      if (![...this.connections].some((c) => c.projectId === connection.projectId))
        this.settings.delete(connection.projectId);
      leavePresence();
      room.leave(connection);
      this.rooms.released(room);
    });
    room.join(connection);
  }

  /**
   * In-band renewal (COLLAB_MESSAGE.renewToken): a valid access token of the
   * same account moves the connection's expiry; anything else ends it.
   */
  private async renew(connection: CollabConnection, token: string): Promise<void> {
    let verified;
    try {
      verified = await this.tokens.verifyUntil(token, 'access');
    } catch (error) {
      this.logger.warn(`Could not check a renewed token of ${connection.user.name}: ${String(error)}`);
      return;
    }
    if (!verified || verified.userId !== connection.user.id) {
      connection.close(COLLAB_CLOSE.unauthenticated, 'invalid token');
      return;
    }
    if (verified.expiresAt > connection.expiresAt) connection.expireAt(verified.expiresAt);
  }

  /** Drops connections that stopped answering pings (a vanished laptop). */
  private ping(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }

  /** A member was removed or changed role: their open connections follow at once. */
  private applyMemberChange(projectId: string, userId: string, role: ProjectRole | null): void {
    const settings = this.settings.get(projectId);
    for (const connection of this.connections) {
      if (connection.projectId !== projectId || connection.user.id !== userId) continue;
      if (role === null || !settings) {
        connection.close(COLLAB_CLOSE.accessRevoked, 'you are no longer a member of this project');
        continue;
      }
      connection.role = role;
      this.updateReadOnly(connection, settings);
    }
  }

  /** The project's settings changed (e.g. whether supervisors may edit text). */
  private applySettings(projectId: string, settings: ProjectSettings): void {
    if (!this.settings.has(projectId)) return;
    this.settings.set(projectId, settings);
    for (const connection of this.connections) {
      if (connection.projectId === projectId) this.updateReadOnly(connection, settings);
    }
  }

  private updateReadOnly(connection: CollabConnection, settings: ProjectSettings): void {
    const readOnly = !may(connection.role, editPermission(connection.documentId), settings);
    if (readOnly === connection.readOnly) return;
    connection.readOnly = readOnly;
    this.logger.log(
      `${connection.user.name} is now ${readOnly ? 'read-only' : 'allowed to edit'} in ${connection.documentId}`,
    );
  }

  /** Signed out everywhere: the account's connections end (the client's refresh then fails too). */
  private closeUser(userId: string): void {
    for (const connection of this.connections) {
      if (connection.user.id === userId) connection.close(COLLAB_CLOSE.unauthenticated, 'signed out');
    }
  }

  private closeProject(projectId: string): void {
    for (const room of this.rooms.ofProject(projectId)) this.closeDocument(room.documentId);
  }

  private closeDocument(documentId: string): void {
    for (const connection of this.connections) {
      if (connection.documentId === documentId)
        connection.close(COLLAB_CLOSE.documentDeleted, 'the document was deleted');
    }
    this.rooms.discard(documentId);
  }
}

/** Transcripts follow `editText` (supervisors only when the project allows); memos `editMemos`. */
const editPermission = (key: string): Permission => (isMemoKey(key) ? 'editMemos' : 'editText');
