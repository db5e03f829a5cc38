import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { DeadlineScheduler } from './deadline-scheduler.service.js';
import { DeadlinesController } from './deadlines.controller.js';
import { DeadlinesRepository } from './deadlines.repository.js';
import { DeadlinesService } from './deadlines.service.js';

/** Thesis deadlines and the scheduler that snapshots the project when one is due. */
@Module({
  imports: [ProjectsModule, SnapshotsModule, NotificationsModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesRepository, DeadlinesService, DeadlineScheduler],
  exports: [DeadlinesRepository],
})
export class DeadlinesModule {}
