import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { MemosModule } from '../memos/memos.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectStateModule } from '../project-state/project-state.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RecordingsModule } from '../recordings/recordings.module.js';
import { ExchangeController } from './exchange.controller.js';
import { ExportService } from './export.service.js';
import { ImportService } from './import.service.js';

/** REFI-QDA import and export. */
@Module({
  imports: [
    ProjectsModule,
    DocumentsModule,
    CodebookModule,
    CodingsModule,
    CommentsModule,
    MemosModule,
    ProjectStateModule,
    SnapshotsModule,
    RecordingsModule,
  ],
  controllers: [ExchangeController],
  providers: [ExportService, ImportService],
})
export class ExchangeModule {}
