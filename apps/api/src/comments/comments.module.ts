import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';

@Module({
  imports: [ProjectsModule, DocumentsModule],
  controllers: [CommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
