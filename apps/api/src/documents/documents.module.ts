import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { LiveModule } from '../realtime/collab/live.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { SegmentAnchors } from './segment-anchors.service.js';

@Module({
  imports: [ProjectsModule, LiveModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentsService, SegmentAnchors],
  // LiveModule: live text (LiveDocuments) and its store (TranscriptStore) for every module that reads transcripts.
  exports: [DocumentsRepository, DocumentsService, SegmentAnchors, LiveModule],
})
export class DocumentsModule {}
