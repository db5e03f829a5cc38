import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisService } from './analysis.service.js';
import { SearchService } from './search.service.js';

/** Retrieval, counts and full-text search over a project's codings and transcripts. */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodebookModule, CodingsModule],
  controllers: [AnalysisController],
  providers: [AnalysisService, SearchService],
})
export class AnalysisModule {}
