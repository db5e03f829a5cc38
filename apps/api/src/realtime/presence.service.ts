import { Injectable } from '@nestjs/common';
import type { PresenceUser } from '@tolk/contracts';
import { EventEmitter } from 'node:events';

interface Entry {
  userId: string;
  name: string;
  documentId: string | null;
}

/**
 * Who is in which project and document, from two sources: socket.io clients
 * that joined a project (documentId null) and open `/collab` connections
 * (documentId set). Emits `change` with the project id; the socket gateway
 * tells that project's members.
 */
@Injectable()
export class PresenceService {
  private readonly byProject = new Map<string, Map<string, Entry>>();
  private readonly changes = new EventEmitter();

  /** Registers a presence under a key unique to the connection; returns its removal. */
  add(projectId: string, key: string, entry: Entry): () => void {
    let entries = this.byProject.get(projectId);
    if (!entries) this.byProject.set(projectId, (entries = new Map()));
    entries.set(key, entry);
    this.changes.emit('change', projectId);
    return () => {
      const current = this.byProject.get(projectId);
      if (!current?.delete(key)) return;
      if (current.size === 0) this.byProject.delete(projectId);
      this.changes.emit('change', projectId);
    };
  }

  /** One row per person and open document; a person with none open appears once with null. */
  users(projectId: string): PresenceUser[] {
    const rows = new Map<string, PresenceUser>();
    const entries = [...(this.byProject.get(projectId)?.values() ?? [])];
    for (const { userId, name, documentId } of entries) {
      if (documentId !== null) rows.set(`${userId}|${documentId}`, { userId, name, documentId });
    }
    for (const { userId, name } of entries) {
      const inSomeDocument = [...rows.values()].some((row) => row.userId === userId);
      if (!inSomeDocument) rows.set(`${userId}|`, { userId, name, documentId: null });
    }
    return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.documentId ?? '').localeCompare(b.documentId ?? ''));
  }

  onChange(listener: (projectId: string) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }
}
