import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  Locale,
  ProjectState,
  RestoreResult,
  Snapshot,
  SnapshotDiff,
  SnapshotDocument,
  SnapshotSummary,
} from '@tolk/contracts';
import { Audited } from '../audit/audited.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { DomainError } from '../platform/domain-error.js';
import { RequestLocale } from '../platform/i18n/request-locale.js';
import { CreateSnapshotDto } from './dto/snapshot.dto.js';
import { SnapshotRestoreService } from './snapshot-restore.service.js';
import { SnapshotsService } from './snapshots.service.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

const IMMUTABLE = 'Snapshots are immutable: take a new one, or restore this one';

@ApiTags('snapshots')
@ApiBearerAuth()
@Controller()
export class SnapshotsController {
  constructor(
    private readonly snapshots: SnapshotsService,
    private readonly restorer: SnapshotRestoreService,
  ) {}

  @Post('projects/:projectId/snapshots')
  @ApiAnswer.created('SnapshotSummary', 'the new snapshot')
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: CreateSnapshotDto,
  ): Promise<SnapshotSummary> {
    return this.snapshots.create(actor, projectId, dto.name);
  }

  @Get('projects/:projectId/snapshots')
  @ApiAnswer.ok(['SnapshotSummary'], 'the snapshots, newest first')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<SnapshotSummary[]> {
    return this.snapshots.list(actor, projectId);
  }

  @Get('snapshots/:snapshotId')
  @ApiAnswer.ok('Snapshot', 'what the snapshot holds, without the texts')
  get(
    @CurrentActor() actor: Actor,
    @Param('snapshotId', new ParseIdPipe('Snapshot')) snapshotId: string,
  ): Promise<Snapshot> {
    return this.snapshots.get(actor, snapshotId);
  }

  /** The whole project as at the snapshot, in the shape analysis and exports read. */
  @Get('snapshots/:snapshotId/state')
  @Audited('snapshot.read')
  @ApiAnswer.ok('ProjectState', 'the whole project as at the snapshot')
  state(
    @CurrentActor() actor: Actor,
    @Param('snapshotId', new ParseIdPipe('Snapshot')) snapshotId: string,
  ): Promise<ProjectState> {
    return this.snapshots.stateFor(actor, snapshotId);
  }

  @Get('snapshots/:snapshotId/documents/:documentId')
  @ApiAnswer.ok('SnapshotDocument', 'the transcript exactly as at the snapshot')
  @Audited('document.read')
  document(
    @CurrentActor() actor: Actor,
    @Param('snapshotId', new ParseIdPipe('Snapshot')) snapshotId: string,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<SnapshotDocument> {
    return this.snapshots.document(actor, snapshotId, documentId);
  }

  @Get('snapshots/:snapshotId/diff')
  @Audited('snapshot.read')
  @ApiAnswer.ok('SnapshotDiff', 'what changed from the snapshot to the other state')
  @ApiQuery({ name: 'against', required: true, description: 'another snapshot of the project, or "current"' })
  diff(
    @CurrentActor() actor: Actor,
    @Param('snapshotId', new ParseIdPipe('Snapshot')) snapshotId: string,
    @Query('against') against?: string,
  ): Promise<SnapshotDiff> {
    return this.snapshots.diff(actor, snapshotId, typeof against === 'string' ? against : undefined);
  }

  @Post('snapshots/:snapshotId/restore')
  @ApiAnswer.ok('RestoreResult', 'what the restore did')
  @Audited('snapshot.restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('snapshotId', new ParseIdPipe('Snapshot')) snapshotId: string,
    @RequestLocale() locale: Locale,
  ): Promise<RestoreResult> {
    return this.restorer.restore(actor, snapshotId, locale);
  }

  // 405 whoever asks and whatever the id: the answer says nothing about whether the snapshot exists.
  @Put('snapshots/:snapshotId')
  @ApiAnswer.refused('snapshots are immutable')
  replace(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }

  @Patch('snapshots/:snapshotId')
  @ApiAnswer.refused('snapshots are immutable')
  update(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }

  @Delete('snapshots/:snapshotId')
  @ApiAnswer.refused('snapshots are immutable')
  remove(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }

  @Put('snapshots/:snapshotId/documents/:documentId')
  @ApiAnswer.refused('snapshots are immutable')
  replaceDocument(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }

  @Patch('snapshots/:snapshotId/documents/:documentId')
  @ApiAnswer.refused('snapshots are immutable')
  updateDocument(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }

  @Delete('snapshots/:snapshotId/documents/:documentId')
  @ApiAnswer.refused('snapshots are immutable')
  removeDocument(): never {
    throw new DomainError('snapshot_immutable', IMMUTABLE);
  }
}
