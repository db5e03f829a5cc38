import { Injectable } from '@nestjs/common';
import type { ProjectState } from '@tolk/contracts';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectStateService } from '../project-state/project-state.service.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { SnapshotsService } from './snapshots.service.js';

/** The query parameter of every export route (OpenAPI). */
export const SNAPSHOT_QUERY = {
  name: 'snapshotId',
  required: false,
  description: 'export this snapshot of the project instead of its current state',
};

/**
 * What an export reads: the project as it is now, or as one of its
 * snapshots froze it (`?snapshotId=`), in both cases as the caller may see
 * it (read access; with blind coding on, a non-owner's own codings only).
 * A snapshot of another project is a 404, like a missing one.
 */
@Injectable()
export class ReadableState {
  constructor(
    private readonly access: ProjectAccessService,
    private readonly states: ProjectStateService,
    private readonly snapshots: SnapshotsService,
  ) {}

  async of(actor: Actor, projectId: string, snapshotId?: string): Promise<ProjectState> {
    if (snapshotId === undefined || snapshotId === '') {
      const access = await this.access.require(actor, projectId, 'read');
      return this.states.current(access.project.id, { actor, access });
    }
    if (!isUuid(snapshotId)) throw notFound('Snapshot');
    const state = await this.snapshots.stateFor(actor, snapshotId);
    if (state.project.id !== projectId.toLowerCase()) throw notFound('Snapshot');
    return state;
  }
}
