import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type DomainEventMap, DomainEvents } from '../platform/domain-events.js';
import { type AuditRecord, AuditService } from './audit.service.js';

type Entry = Omit<AuditRecord, 'actor' | 'request'>;

/**
 * The one place where changes become audit entries: every domain event a
 * service emits after its commit maps to one entry. The actor and the
 * request (address, user agent, request id) are those of the HTTP request
 * in which the event was emitted.
 */
const ENTRIES: { [K in keyof DomainEventMap]?: (event: DomainEventMap[K]) => Entry | undefined } = {
  'project.created': ({ project }) => ({
    projectId: project.id,
    action: 'project.create',
    target: { type: 'project', id: project.id },
    details: { name: project.name },
  }),
  'project.updated': ({ project }) => ({
    projectId: project.id,
    action: 'project.update',
    target: { type: 'project', id: project.id },
    details: { name: project.name, settings: project.settings },
  }),
  'document.created': ({ projectId, document }) => ({
    projectId,
    action: 'document.create',
    target: { type: 'document', id: document.id },
    details: { title: document.title },
  }),
  'document.updated': ({ projectId, document }) => ({
    projectId,
    action: 'document.update',
    target: { type: 'document', id: document.id },
    details: { title: document.title },
  }),
  'document.deleted': ({ projectId, documentId, erased }) =>
    erased ? undefined : { projectId, action: 'document.delete', target: { type: 'document', id: documentId } },
  'code.created': ({ projectId, code }) => ({
    projectId,
    action: 'code.create',
    target: { type: 'code', id: code.id },
    details: { name: code.name },
  }),
  'code.updated': ({ projectId, code }) => ({
    projectId,
    action: 'code.update',
    target: { type: 'code', id: code.id },
    details: { name: code.name },
  }),
  'code.deleted': ({ projectId, codeId }) => ({
    projectId,
    action: 'code.delete',
    target: { type: 'code', id: codeId },
  }),
  'coding.created': ({ projectId, coding }) => codingEntry('coding.create', projectId, coding),
  'coding.updated': ({ projectId, coding }) => codingEntry('coding.update', projectId, coding),
  'coding.deleted': ({ projectId, coding }) => codingEntry('coding.delete', projectId, coding),
  'comment.created': ({ projectId, comment }) => commentEntry('comment.create', projectId, comment),
  'comment.updated': ({ projectId, comment }) => commentEntry('comment.update', projectId, comment),
  'snapshot.created': ({ projectId, snapshot }) => ({
    projectId,
    action: 'snapshot.create',
    target: { type: 'snapshot', id: snapshot.id },
    details: { name: snapshot.name, kind: snapshot.kind },
  }),
  'deadline.created': ({ projectId, deadline }) => ({
    projectId,
    action: 'deadline.create',
    target: { type: 'deadline', id: deadline.id },
    details: { name: deadline.name, dueAt: deadline.dueAt },
  }),
  'deadline.deleted': ({ projectId, deadlineId }) => ({
    projectId,
    action: 'deadline.delete',
    target: { type: 'deadline', id: deadlineId },
  }),
  'member.changed': ({ projectId, userId, role }) => ({
    projectId,
    action: role === null ? 'member.remove' : 'member.change',
    target: { type: 'user', id: userId },
    details: { role },
  }),
};

function codingEntry(
  action: string,
  projectId: string,
  coding: { id: string; documentId: string; codeId: string },
): Entry {
  return {
    projectId,
    action,
    target: { type: 'coding', id: coding.id },
    details: { documentId: coding.documentId, codeId: coding.codeId },
  };
}

function commentEntry(action: string, projectId: string, comment: { id: string; documentId: string }): Entry {
  return {
    projectId,
    action,
    target: { type: 'comment', id: comment.id },
    details: { documentId: comment.documentId },
  };
}

@Injectable()
export class AuditEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    for (const name of Object.keys(ENTRIES) as (keyof DomainEventMap)[]) {
      const toEntry = ENTRIES[name] as (event: unknown) => Entry | undefined;
      // Emitted synchronously inside the request, so the request context is still current here.
      this.unsubscribe.push(
        this.events.on(name, async (event) => {
          const entry = toEntry(event);
          if (entry) await this.audit.record(entry);
        }),
      );
    }
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
