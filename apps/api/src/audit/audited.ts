import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { concatMap, type Observable } from 'rxjs';
import { isUuid } from '../platform/parse-id.pipe.js';
import { AuditRepository, PROJECT_PARTS } from './audit.repository.js';
import { AuditRecorder } from './audit-recorder.js';

const AUDITED = 'tolk:audited';

export interface AuditedOptions<T = never> {
  /** Small facts from the answer for the entry's details (counts, never transcript text). */
  details?: (result: T) => Record<string, unknown>;
}

interface AuditedMetadata {
  action: string;
  details?: (result: unknown) => Record<string, unknown>;
}

/**
 * Records a successful call of the route in the audit log as `action`
 * (`document.read`, `export.qdpx`, `snapshot.restore` …). This is how a
 * route is audited: one line on a controller method (what happens without
 * a request is declared in audit-events.ts).
 * Every route that returns transcript text carries it, and
 * test/integration/audit-coverage.spec.ts fails when one does not.
 *
 * AuditedInterceptor does the rest: the project is the route's
 * `:projectId`, else a `projectId` in the answer (an import's new project),
 * else the project of its `:snapshotId`, `:documentId`, `:codeId`,
 * `:codingId`, `:commentId` or `:memoId`; the target is its `:documentId` (or one
 * `?documentId=`), else the project; a snapshot read (`:snapshotId` or
 * `?snapshotId=`) is named in the details; who and from where come from
 * the request. The entry is written before the answer is sent.
 */
export const Audited = <T = never>(action: string, options: AuditedOptions<T> = {}) =>
  SetMetadata(AUDITED, { action, details: options.details } as AuditedMetadata);

/** The action a controller method is audited as, if any (for the coverage test). */
export function auditedAction(handler: object): string | undefined {
  return (Reflect.getMetadata(AUDITED, handler) as AuditedMetadata | undefined)?.action;
}

@Injectable()
export class AuditedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AuditRecorder,
    private readonly entries: AuditRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const audited = this.reflector.get<AuditedMetadata | undefined>(AUDITED, context.getHandler());
    if (!audited || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    // Recorded before the answer is sent where Nest sends it: no entry, no file.
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        const params = (request.params ?? {}) as Record<string, string>;
        const projectId = await this.projectOf(params, result);
        const snapshotId =
          params.snapshotId ?? (typeof request.query.snapshotId === 'string' ? request.query.snapshotId : undefined);
        const queried = request.query.documentId;
        const documentId = params.documentId ?? (isUuid(queried) ? queried : undefined);
        await this.recorder.write(
          audited.action,
          {
            projectId,
            target: documentId
              ? { type: 'document', id: documentId }
              : projectId
                ? { type: 'project', id: projectId }
                : null,
            details: { ...(snapshotId ? { snapshotId } : {}), ...audited.details?.(result) },
          },
          { request },
        );
        return result;
      }),
    );
  }

  private async projectOf(params: Record<string, string>, result: unknown): Promise<string | null> {
    if (params.projectId) return params.projectId;
    const answered = (result as { projectId?: unknown } | undefined)?.projectId;
    if (typeof answered === 'string') return answered;
    for (const part of PROJECT_PARTS) {
      if (!isUuid(params[part])) continue;
      const projectId = await this.entries.projectOf(part, params[part]);
      if (projectId) return projectId;
    }
    return null;
  }
}
