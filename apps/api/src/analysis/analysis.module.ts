import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectStateModule } from '../project-state/project-state.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisQueries } from './analysis.queries.js';
import { CodingBatchesRepository } from './coding-batches.repository.js';
import { AnalysisService } from './analysis.service.js';
import { ExportsController } from './exports/exports.controller.js';
import { ExportsService } from './exports/exports.service.js';
import { SearchQueries } from './search.queries.js';
import { SearchService } from './search.service.js';
import { CodingQueryService } from './coding-query.service.js';
import { WordFrequencyService } from './word-frequency.service.js';
import { SavedQueriesController } from './saved-queries.controller.js';
import { SavedQueriesRepository } from './saved-queries.repository.js';
import { SavedQueriesService } from './saved-queries.service.js';

/** Retrieval, counts, full-text search and the segment and quote exports of a project. */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodebookModule, CodingsModule, ProjectStateModule, SnapshotsModule],
  controllers: [AnalysisController, ExportsController, SavedQueriesController],
  providers: [
    AnalysisQueries,
    SearchQueries,
    CodingBatchesRepository,
    AnalysisService,
    SearchService,
    ExportsService,
    CodingQueryService,
    WordFrequencyService,
    SavedQueriesRepository,
    SavedQueriesService,
  ],
})
export class AnalysisModule {}
