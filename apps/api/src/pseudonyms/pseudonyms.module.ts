import { Module } from '@nestjs/common';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PseudonymListsRepository } from './pseudonym-lists.repository.js';
import { PseudonymsController } from './pseudonyms.controller.js';
import { PseudonymsService } from './pseudonyms.service.js';

@Module({
  imports: [ProjectsModule, DocumentsModule, CodingsModule],
  controllers: [PseudonymsController],
  providers: [PseudonymListsRepository, PseudonymsService],
  exports: [PseudonymsService],
})
export class PseudonymsModule {}
