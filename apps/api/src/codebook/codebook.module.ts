import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { CodebookController } from './codebook.controller.js';
import { CodebookService } from './codebook.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [CodebookController],
  providers: [CodebookService],
  exports: [CodebookService],
})
export class CodebookModule {}
