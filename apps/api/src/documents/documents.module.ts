import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { SegmentAnchors } from './segment-anchors.service.js';
import { TranscriptStore } from './transcript-store.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentsService, TranscriptStore, SegmentAnchors],
  exports: [DocumentsRepository, DocumentsService, TranscriptStore, SegmentAnchors],
})
export class DocumentsModule {}
