import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CodeRetirementService } from './code-retirement.service.js';
import { CodingPositions } from './coding-positions.service.js';
import { CodingsRepository } from './codings.repository.js';
import { CodingsController } from './codings.controller.js';
import { CodingsService } from './codings.service.js';

@Module({
  imports: [ProjectsModule, CodebookModule, DocumentsModule],
  controllers: [CodingsController],
  providers: [CodingsService, CodeRetirementService, CodingsRepository, CodingPositions],
  exports: [CodingsService, CodeRetirementService, CodingsRepository],
})
export class CodingsModule {}
