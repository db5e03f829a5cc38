import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { CodebookController } from './codebook.controller.js';
import { CodebookService } from './codebook.service.js';
import { CodesRepository } from './codes.repository.js';

@Module({
  imports: [ProjectsModule],
  controllers: [CodebookController],
  providers: [CodebookService, CodesRepository],
  exports: [CodebookService, CodesRepository],
})
export class CodebookModule {}
