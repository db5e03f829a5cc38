import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { DeadlineScheduler } from './deadline-scheduler.service.js';
import { DeadlinesController } from './deadlines.controller.js';
import { DeadlinesService } from './deadlines.service.js';

/** Thesis deadlines and the scheduler that snapshots the project when one is due. */
@Module({
  imports: [ProjectsModule, SnapshotsModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesService, DeadlineScheduler],
})
export class DeadlinesModule {}
