import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PresenceUser } from '@tolk/contracts';
import { EventEmitter } from 'node:events';
import { ClusterBus } from '../cluster/cluster-bus.service.js';

interface Entry {
  userId: string;
  name: string;
  documentId: string | null;
}

/** What an instance tells the others: its entries per project (all of them in a heartbeat). */
interface PresenceMessage {
  from: string;
  full: boolean;
  projects: Record<string, Entry[]>;
}

const CHANNEL = 'tolk:presence';
/** Every instance repeats its whole presence this often… */
const HEARTBEAT_MS = 5_000;
/** …and an instance not heard of for this long is gone (killed, cut off), with its people. */
const FORGET_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * Who is in which project and document, from two sources: socket.io clients
 * that joined a project (documentId null) and open `/collab` connections
 * (documentId set). Emits `change` with the project id; the socket gateway
 * tells that project's members on this instance.
 *
 * With several api instances, each publishes its own entries when they
 * change and in a heartbeat, and merges in everyone else's.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly byProject = new Map<string, Map<string, Entry>>();
  private readonly elsewhere = new Map<string, { seenAt: number; projects: Map<string, Entry[]> }>();
  private readonly changes = new EventEmitter();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly bus: ClusterBus) {}

  async onModuleInit(): Promise<void> {
    if (!this.bus.enabled) return;
    await this.bus.subscribe(CHANNEL, (message) => this.receive(message));
    this.heartbeat = setInterval(() => {
      this.publish([...this.byProject.keys()], true);
      this.forgetSilentInstances();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }

  /** Registers a presence under a key unique to the connection; returns its removal. */
  add(projectId: string, key: string, entry: Entry): () => void {
    let entries = this.byProject.get(projectId);
    if (!entries) this.byProject.set(projectId, (entries = new Map()));
    entries.set(key, entry);
    this.changed(projectId);
    return () => {
      const current = this.byProject.get(projectId);
      if (!current?.delete(key)) return;
      if (current.size === 0) this.byProject.delete(projectId);
      this.changed(projectId);
    };
  }

  /** One row per person and open document; a person with none open appears once with null. */
  users(projectId: string): PresenceUser[] {
    const rows = new Map<string, PresenceUser>();
    const entries = [
      ...(this.byProject.get(projectId)?.values() ?? []),
      ...[...this.elsewhere.values()].flatMap((instance) => instance.projects.get(projectId) ?? []),
    ];
    for (const { userId, name, documentId } of entries) {
      if (documentId !== null) rows.set(`${userId}|${documentId}`, { userId, name, documentId });
    }
    for (const { userId, name } of entries) {
      const inSomeDocument = [...rows.values()].some((row) => row.userId === userId);
      if (!inSomeDocument) rows.set(`${userId}|`, { userId, name, documentId: null });
    }
    return [...rows.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || (a.documentId ?? '').localeCompare(b.documentId ?? ''),
    );
  }

  onChange(listener: (projectId: string) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  private changed(projectId: string): void {
    this.changes.emit('change', projectId);
    this.publish([projectId], false);
  }

  private publish(projectIds: string[], full: boolean): void {
    if (!this.bus.enabled) return;
    const projects: Record<string, Entry[]> = {};
    for (const id of projectIds) projects[id] = [...(this.byProject.get(id)?.values() ?? [])];
    this.bus.publish(CHANNEL, JSON.stringify({ from: this.bus.instanceId, full, projects } satisfies PresenceMessage));
  }

  private receive(raw: Buffer): void {
    let message: PresenceMessage;
    try {
      message = JSON.parse(raw.toString('utf8')) as PresenceMessage;
    } catch {
      this.logger.warn('Ignored a presence message that is not JSON');
      return;
    }
    if (message.from === this.bus.instanceId) return;
    const known = this.elsewhere.get(message.from) ?? { seenAt: 0, projects: new Map<string, Entry[]>() };
    this.elsewhere.set(message.from, known);
    known.seenAt = Date.now();
    const touched = new Set(Object.keys(message.projects));
    if (message.full) for (const id of known.projects.keys()) touched.add(id);
    for (const projectId of touched) {
      const before = JSON.stringify(known.projects.get(projectId) ?? []);
      const entries = message.projects[projectId] ?? [];
      if (entries.length > 0) known.projects.set(projectId, entries);
      else known.projects.delete(projectId);
      if (JSON.stringify(entries) !== before) this.changes.emit('change', projectId);
    }
  }

  private forgetSilentInstances(): void {
    const now = Date.now();
    for (const [instanceId, instance] of this.elsewhere) {
      if (now - instance.seenAt < FORGET_AFTER_MS) continue;
      this.elsewhere.delete(instanceId);
      for (const projectId of instance.projects.keys()) this.changes.emit('change', projectId);
    }
  }
}
