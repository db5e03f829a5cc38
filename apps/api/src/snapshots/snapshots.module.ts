import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectStateModule } from '../project-state/project-state.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ProjectCapture } from './project-capture.service.js';
import { ReadableState } from './readable-state.service.js';
import { SnapshotRestoreService } from './snapshot-restore.service.js';
import { SnapshotStateService } from './snapshot-state.service.js';
import { SnapshotsController } from './snapshots.controller.js';
import { SnapshotsRepository } from './snapshots.repository.js';
import { SnapshotsService } from './snapshots.service.js';

/** Snapshots: take, read, compare, restore. `SnapshotStateService` gives a snapshot as a ProjectState. */
@Module({
  imports: [AuthModule, ProjectsModule, DocumentsModule, CodebookModule, CodingsModule, ProjectStateModule],
  controllers: [SnapshotsController],
  providers: [
    SnapshotsRepository,
    SnapshotsService,
    SnapshotStateService,
    SnapshotRestoreService,
    ProjectCapture,
    ReadableState,
  ],
  exports: [SnapshotsRepository, SnapshotsService, SnapshotStateService, ProjectCapture, ReadableState],
})
export class SnapshotsModule {}
