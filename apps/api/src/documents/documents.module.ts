import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module.js';
import { LiveModule } from '../realtime/collab/live.module.js';
import { DocumentEntity } from './document.entity.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { SegmentAnchors } from './segment-anchors.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DocumentEntity]), ProjectsModule, LiveModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, SegmentAnchors],
  // LiveModule: live text (LiveDocuments) and its store (TranscriptStore) for every module that reads transcripts.
  exports: [DocumentsService, SegmentAnchors, LiveModule],
})
export class DocumentsModule {}
