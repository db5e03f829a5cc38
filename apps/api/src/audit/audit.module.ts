import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditedInterceptor } from './audited.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AuditEventsListener } from './audit-events.listener.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** Global: logins, reads, imports and exports are recorded from every module through AuditService.record. */
@Global()
@Module({
  imports: [ProjectsModule],
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditRepository,
    AuditEventsListener,
    { provide: APP_INTERCEPTOR, useClass: AuditedInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
