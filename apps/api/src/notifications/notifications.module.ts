import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Notifications per recipient. Modules whose doings notify someone import
 * this one and call `NotificationsService.notify` in their transaction.
 */
@Module({
  imports: [ProjectsModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
