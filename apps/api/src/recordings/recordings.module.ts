import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RecordingCipher } from './recording-cipher.js';
import { RecordingRetentionRepository } from './recording-retention.repository.js';
import { RecordingRetentionService } from './recording-retention.service.js';
import { RecordingUploadsService } from './recording-uploads.service.js';
import { RecordingsController } from './recordings.controller.js';
import { RecordingsRepository } from './recordings.repository.js';
import { RecordingsService } from './recordings.service.js';

@Module({
  imports: [ProjectsModule, DocumentsModule, AuthModule, NotificationsModule],
  controllers: [RecordingsController],
  providers: [
    RecordingsRepository,
    RecordingUploadsService,
    RecordingsService,
    RecordingCipher,
    RecordingRetentionRepository,
    RecordingRetentionService,
  ],
  exports: [RecordingsRepository, RecordingsService],
})
export class RecordingsModule {}
