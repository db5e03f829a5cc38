import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  type ClientToServerEvents,
  type Coding,
  codingAudience,
  type JoinAck,
  type RenewAck,
  type ServerToClientEvents,
} from '@tolk/contracts';
import type { Server, Socket } from 'socket.io';
import { TokensService } from '../../auth/tokens.service.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { type DomainEventMap, DomainEvents } from '../../platform/domain-events.js';
import { isUuid } from '../../platform/parse-id.pipe.js';
import { type ProjectAudience, ProjectAccessService } from '../../projects/project-access.service.js';
import { PresenceService } from '../presence.service.js';

interface SocketData {
  userId: string;
  name: string;
  /** When its token expires (ms since the epoch); `auth:renew` moves it. */
  expiresAt: number;
  expiryTimer?: NodeJS.Timeout;
  /** Project id → removal of this socket's presence there. */
  joined: Map<string, () => void>;
}

type TolkSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type TolkServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const room = (projectId: string) => `project:${projectId}`;
/** One member's sockets in one project: events only some members may see go to these rooms. */
const memberRoom = (projectId: string, userId: string) => `project:${projectId}:member:${userId}`;
/**
 * A member's sockets that take a "code all hits" batch as one `coding:batch`
 * event, and those that want one event per coding (they joined without `batches`).
 */
const memberBatchRoom = (projectId: string, userId: string) => `${memberRoom(projectId, userId)}:batch`;
const memberSingleRoom = (projectId: string, userId: string) => `${memberRoom(projectId, userId)}:single`;
const memberRooms = (projectId: string, userId: string) => [
  memberRoom(projectId, userId),
  memberBatchRoom(projectId, userId),
  memberSingleRoom(projectId, userId),
];
/** All of one person's sockets, joined to a project or not: where their notifications go. */
const userRoom = (userId: string) => `user:${userId}`;
const NOT_FOUND: JoinAck = { error: 'Project not found', reason: 'not_found' };
const everywhere = { fromEveryInstance: true };
/** Presence changes are batched this long per project, so a burst sends one event. */
const PRESENCE_DEBOUNCE_MS = 50;

/**
 * socket.io at `/socket.io`: project events for the members of a project.
 * NestJS guards do not run on connect, so the token is checked in the
 * connection middleware; every join checks membership, and members who are
 * removed are taken out of the project's room at once.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class ProjectEventsGateway
  implements
    OnGatewayInit<TolkServer>,
    OnGatewayConnection<TolkSocket>,
    OnGatewayDisconnect<TolkSocket>,
    OnApplicationShutdown
{
  private readonly logger = new Logger('ProjectEvents');
  private server!: TolkServer;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  /**
   * Who is in a project, looked up from the database once per coding event
   * rather than cached: a cache would have to follow every role, membership
   * and settings change on every instance, and a stale entry would leak
   * blind codings. Events that arrive while a look-up is under way (a "code
   * all hits" burst) share it; a member or settings change drops it, so no
   * later event uses what was read before the change.
   */
  private readonly audiences = new Map<string, Promise<ProjectAudience | undefined>>();

  constructor(
    private readonly tokens: TokensService,
    private readonly access: ProjectAccessService,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    private readonly users: UsersRepository,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: TolkServer): void {
    this.server = server;
    this.metrics.gauge(
      'tolk_socketio_connections',
      'Open socket.io connections (project events)',
      () => server.engine?.clientsCount ?? 0,
    );
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      void this.authenticate(typeof token === 'string' ? token : undefined).then((user) => {
        // socket.io hands `data` to the client's connect_error.
        if (!user) return next(Object.assign(new Error('unauthorized'), { data: { reason: 'unauthenticated' } }));
        socket.data = { userId: user.id, name: user.name, expiresAt: user.expiresAt, joined: new Map() };
        next();
      }, next);
    });
    this.unsubscribe.push(
      this.presence.onChange((projectId) => this.schedulePresence(projectId)),
      this.events.on('document.created', ({ projectId, document }) => {
        this.toProject(projectId).emit('document:created', { ...document, projectId });
      }),
      this.events.on('document.updated', ({ projectId, document }) => {
        this.toProject(projectId).emit('document:updated', { ...document, projectId });
      }),
      this.events.on('document.deleted', ({ projectId, documentId }) => {
        this.toProject(projectId).emit('document:deleted', { id: documentId, projectId });
      }),
      this.events.on('project.updated', ({ project }) => {
        this.toProject(project.id).emit('project:updated', project);
      }),
      this.events.on('project.deleted', ({ projectId }) => {
        this.toProject(projectId).emit('project:deleted', { id: projectId });
        this.server.in(room(projectId)).socketsLeave(room(projectId));
      }),
      this.events.on('member.changed', (event) =>
        this.onMemberChanged(event.projectId, event.userId, event.role !== null),
      ),
      // From every instance: a change made elsewhere must not meet a look-up begun before it here.
      this.events.on('member.changed', ({ projectId }) => void this.audiences.delete(projectId), everywhere),
      this.events.on('project.updated', ({ project }) => void this.audiences.delete(project.id), everywhere),
      // Relayed: each instance disconnects its own sockets of the account.
      this.events.on('user.sessionsRevoked', ({ userId }) => this.disconnectUser(userId), everywhere),
      this.events.on('code.created', ({ projectId, code }) => {
        this.toProject(projectId).emit('code:created', { ...code, projectId });
      }),
      this.events.on('code.updated', ({ projectId, code }) => {
        this.toProject(projectId).emit('code:updated', { ...code, projectId });
      }),
      this.events.on('code.deleted', ({ projectId, codeId }) => {
        this.toProject(projectId).emit('code:deleted', { id: codeId, projectId });
      }),
      this.events.on('codeProposal.created', ({ proposal }) => {
        this.toProject(proposal.projectId).emit('code-proposal:created', proposal);
      }),
      this.events.on('codeProposal.updated', ({ proposal }) => {
        this.toProject(proposal.projectId).emit('code-proposal:updated', proposal);
      }),
      this.events.on('comment.created', ({ projectId, comment }) => {
        this.toProject(projectId).emit('comment:created', { ...comment, projectId });
      }),
      this.events.on('comment.updated', ({ projectId, comment }) => {
        this.toProject(projectId).emit('comment:updated', { ...comment, projectId });
      }),
      this.events.on('comment.deleted', ({ projectId, comment }) => {
        this.toProject(projectId).emit('comment:deleted', comment);
      }),
      // The socket.io Redis adapter takes these to the person's sockets on every instance.
      this.events.on('notification.created', ({ userId, notification }) => {
        this.server.to(userRoom(userId)).emit('notification', notification);
      }),
      this.events.on('notification.withdrawn', ({ userId, ids }) => {
        this.server.to(userRoom(userId)).emit('notification:withdrawn', { ids });
      }),
      this.events.on('snapshot.created', ({ projectId, snapshot }) => {
        this.toProject(projectId).emit('snapshot:created', { ...snapshot, projectId });
      }),
      this.events.on('deadline.created', ({ projectId, deadline }) => {
        this.toProject(projectId).emit('deadline:created', { ...deadline, projectId });
      }),
      this.events.on('deadline.deleted', ({ projectId, deadlineId }) => {
        this.toProject(projectId).emit('deadline:deleted', { id: deadlineId, projectId });
      }),
      this.events.on('comment.mention', ({ userId, mention }) => {
        this.server.to(memberRoom(mention.projectId, userId)).emit('mention', mention);
      }),
      this.events.on('coding.created', ({ projectId, coding, batchId }) => {
        if (batchId) return; // told with its batch
        return this.toCodingAudience(projectId, coding, (s) => s.emit('coding:created', { ...coding, projectId }));
      }),
      this.events.on('coding.updated', ({ projectId, coding }) =>
        this.toCodingAudience(projectId, coding, (s) => s.emit('coding:updated', { ...coding, projectId })),
      ),
      this.events.on('coding.deleted', ({ projectId, coding, batchId }) => {
        if (batchId) return; // told with its batch
        return this.toCodingAudience(projectId, coding, (s) =>
          s.emit('coding:deleted', { id: coding.id, documentId: coding.documentId, projectId }),
        );
      }),
      this.events.on('coding.batch', (batch) => this.toBatchAudience(batch)),
    );
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
  }

  @SubscribeMessage('project:join')
  async join(@ConnectedSocket() socket: TolkSocket, @MessageBody() body: unknown): Promise<JoinAck> {
    const projectId = projectIdOf(body);
    if (!projectId) return NOT_FOUND;
    const membership = await this.access.find({ userId: socket.data.userId }, projectId);
    if (!membership) return NOT_FOUND;
    if (!socket.data.joined.has(projectId)) {
      const { userId } = socket.data;
      const batches = (body as { batches?: unknown }).batches === true;
      await socket.join([
        room(projectId),
        memberRoom(projectId, userId),
        batches ? memberBatchRoom(projectId, userId) : memberSingleRoom(projectId, userId),
      ]);
      const leave = this.presence.add(projectId, `socket:${socket.id}`, {
        userId: socket.data.userId,
        name: socket.data.name,
        documentId: null,
      });
      socket.data.joined.set(projectId, leave);
    }
    socket.emit('presence', { projectId, users: this.presence.users(projectId) });
    return { ok: true };
  }

  @SubscribeMessage('project:leave')
  async leave(@ConnectedSocket() socket: TolkSocket, @MessageBody() body: unknown): Promise<JoinAck> {
    const projectId = projectIdOf(body);
    if (!projectId || !socket.data.joined.has(projectId)) return NOT_FOUND;
    await this.leaveProject(socket, projectId);
    return { ok: true };
  }

  /** A fresh token before the current one expires; a bad one ends the connection. */
  @SubscribeMessage('auth:renew')
  async renew(@ConnectedSocket() socket: TolkSocket, @MessageBody() body: unknown): Promise<RenewAck> {
    const token = (body as { token?: unknown } | null)?.token;
    const verified = typeof token === 'string' ? await this.tokens.verifyUntil(token, 'access') : undefined;
    if (!verified || verified.userId !== socket.data.userId) {
      // After the answer is on its way.
      setImmediate(() => socket.disconnect(true));
      return { error: 'Invalid or expired token', reason: 'unauthenticated' };
    }
    if (verified.expiresAt > socket.data.expiresAt) {
      socket.data.expiresAt = verified.expiresAt;
      this.armExpiry(socket);
    }
    return { ok: true, expiresAt: new Date(socket.data.expiresAt).toISOString() };
  }

  /** Kept for clients that report their open document; `/collab` connections are what counts. */
  @SubscribeMessage('presence:document')
  presenceDocument(@ConnectedSocket() socket: TolkSocket, @MessageBody() body: unknown): JoinAck {
    const projectId = projectIdOf(body);
    return projectId && socket.data.joined.has(projectId) ? { ok: true } : NOT_FOUND;
  }

  /** Every socket hears its own person's notifications, whether it joined a project or not. */
  async handleConnection(socket: TolkSocket): Promise<void> {
    this.armExpiry(socket);
    await socket.join(userRoom(socket.data.userId));
  }

  handleDisconnect(socket: TolkSocket): void {
    clearTimeout(socket.data.expiryTimer);
    for (const leave of socket.data.joined?.values() ?? []) leave();
  }

  /**
   * The socket is disconnected when its token expires without renewal:
   * leaving every room at once, so nothing emitted after the expiry reaches it.
   */
  private armExpiry(socket: TolkSocket): void {
    clearTimeout(socket.data.expiryTimer);
    const wait = Math.min(Math.max(socket.data.expiresAt - Date.now(), 0), 2 ** 31 - 1);
    socket.data.expiryTimer = setTimeout(() => {
      if (Date.now() >= socket.data.expiresAt) socket.disconnect(true);
      else this.armExpiry(socket);
    }, wait);
    socket.data.expiryTimer.unref();
  }

  private async authenticate(
    token: string | undefined,
  ): Promise<{ id: string; name: string; expiresAt: number } | undefined> {
    const verified = token ? await this.tokens.verifyUntil(token, 'access') : undefined;
    if (!verified) return undefined;
    const user = await this.users.findById(verified.userId);
    return user ? { id: user.id, name: user.name, expiresAt: verified.expiresAt } : undefined;
  }

  private toProject(projectId: string) {
    return this.server.to(room(projectId));
  }

  /**
   * Coding events go to the members who may see the coding (`codingAudience`
   * in `@tolk/contracts`, the rule GET codings applies too): with blind
   * coding on, its author and the owner only.
   */
  private async toCodingAudience(
    projectId: string,
    coding: Coding,
    send: (target: ReturnType<TolkServer['to']>) => void,
  ): Promise<void> {
    const audience = await this.audienceOf(projectId);
    if (!audience) return;
    const told = codingAudience(audience.members, coding, audience.settings);
    if (told.length > 0) send(this.server.to(told.map((member) => memberRoom(projectId, member.userId))));
  }

  /**
   * A "code all hits" batch: one `coding:batch` to the sockets that joined with
   * `batches`, one event per coding to the others; each person gets only the
   * codings `codingAudience` lets them see.
   */
  private async toBatchAudience(batch: DomainEventMap['coding.batch']): Promise<void> {
    const { projectId, batchId, kind } = batch;
    const audience = await this.audienceOf(projectId);
    if (!audience) return;
    const seen = new Map<string, Coding[]>();
    for (const coding of batch.codings) {
      for (const member of codingAudience(audience.members, coding, audience.settings)) {
        const list = seen.get(member.userId) ?? [];
        list.push(coding);
        seen.set(member.userId, list);
      }
    }
    for (const [userId, codings] of seen) {
      this.server
        .to(memberBatchRoom(projectId, userId))
        .emit(
          'coding:batch',
          kind === 'created'
            ? { projectId, batchId, kind, codings }
            : { projectId, batchId, kind, codings: codings.map(({ id, documentId }) => ({ id, documentId })) },
        );
      const single = this.server.to(memberSingleRoom(projectId, userId));
      for (const coding of codings) {
        if (kind === 'created') single.emit('coding:created', { ...coding, projectId });
        else single.emit('coding:deleted', { id: coding.id, documentId: coding.documentId, projectId });
      }
    }
  }

  private audienceOf(projectId: string): Promise<ProjectAudience | undefined> {
    let lookUp = this.audiences.get(projectId);
    if (!lookUp) {
      const started = this.access.audience(projectId).finally(() => {
        if (this.audiences.get(projectId) === started) this.audiences.delete(projectId);
      });
      lookUp = started;
      this.audiences.set(projectId, lookUp);
    }
    return lookUp;
  }

  private async leaveProject(socket: TolkSocket, projectId: string): Promise<void> {
    socket.data.joined.get(projectId)?.();
    socket.data.joined.delete(projectId);
    await socket.leave(room(projectId));
    for (const name of memberRooms(projectId, socket.data.userId)) await socket.leave(name);
  }

  /** Tell the project; a member who lost access stops receiving its events. */
  private async onMemberChanged(projectId: string, userId: string, stillMember: boolean): Promise<void> {
    this.toProject(projectId).emit('member:changed', { projectId, userId });
    if (stillMember) return;
    for (const remote of await this.server.in(memberRoom(projectId, userId)).fetchSockets()) {
      const socket = this.server.sockets.sockets.get(remote.id);
      if (socket) await this.leaveProject(socket, projectId);
      else {
        remote.leave(room(projectId));
        for (const name of memberRooms(projectId, userId)) remote.leave(name);
      }
    }
    this.logger.log(`Removed user ${userId} from the events of project ${projectId}`);
  }

  /** Signed out everywhere: the account's sockets on this instance end (their token no longer works to reconnect). */
  private disconnectUser(userId: string): void {
    for (const socket of this.server.sockets.sockets.values()) {
      if (socket.data.userId === userId) socket.disconnect(true);
    }
  }

  private schedulePresence(projectId: string): void {
    if (this.presenceTimers.has(projectId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(projectId);
      // Each instance tells its own sockets: every instance hears of every change.
      this.server.local.to(room(projectId)).emit('presence', { projectId, users: this.presence.users(projectId) });
    }, PRESENCE_DEBOUNCE_MS);
    timer.unref();
    this.presenceTimers.set(projectId, timer);
  }
}

function projectIdOf(body: unknown): string | undefined {
  const projectId = (body as { projectId?: unknown } | null)?.projectId;
  return isUuid(projectId) ? projectId.toLowerCase() : undefined;
}
