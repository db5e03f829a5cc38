import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module.js';
import { DocumentEntity } from './document.entity.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { SegmentAnchors } from './segment-anchors.service.js';
import { TranscriptStore } from './transcript-store.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DocumentEntity]), ProjectsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, TranscriptStore, SegmentAnchors],
  exports: [DocumentsService, TranscriptStore, SegmentAnchors],
})
export class DocumentsModule {}
