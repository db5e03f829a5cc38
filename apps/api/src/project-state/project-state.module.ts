import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { MemosModule } from '../memos/memos.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ProjectAnnotations } from './project-annotations.js';
import { ProjectStateService } from './project-state.service.js';

/** One loader of a project's whole content, for analysis and exports. */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodingsModule, CodebookModule, CommentsModule, MemosModule, AuthModule],
  providers: [ProjectStateService, ProjectAnnotations],
  exports: [ProjectStateService, ProjectAnnotations],
})
export class ProjectStateModule {}
