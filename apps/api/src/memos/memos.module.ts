import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { MemosController } from './memos.controller.js';
import { MemosRepository } from './memos.repository.js';
import { MemosService } from './memos.service.js';

@Module({
  imports: [ProjectsModule, DocumentsModule],
  controllers: [MemosController],
  providers: [MemosRepository, MemosService],
  exports: [MemosRepository],
})
export class MemosModule {}
