import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CommentsController } from './comments.controller.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsService } from './comments.service.js';
import { DocumentActivityService } from './document-activity.service.js';

@Module({
  imports: [ProjectsModule, DocumentsModule, NotificationsModule, AuthModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentsRepository, DocumentActivityService],
  exports: [CommentsRepository],
})
export class CommentsModule {}
