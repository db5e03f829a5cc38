import { Global, Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { AuditEventsListener } from './audit-events.listener.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** Global: logins, reads, imports and exports are recorded from every module through AuditService.record. */
@Global()
@Module({
  imports: [ProjectsModule],
  controllers: [AuditController],
  providers: [AuditService, AuditEventsListener],
  exports: [AuditService],
})
export class AuditModule {}
