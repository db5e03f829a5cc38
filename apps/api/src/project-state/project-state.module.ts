import { Module } from '@nestjs/common';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ProjectStateService } from './project-state.service.js';

/** One loader of a project's whole content, for analysis and exports. */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodingsModule],
  providers: [ProjectStateService],
  exports: [ProjectStateService],
})
export class ProjectStateModule {}
