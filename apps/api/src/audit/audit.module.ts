import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditedInterceptor } from './audited.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AuditEventsListener } from './audit-events.listener.js';
import { AuditRecorder } from './audit-recorder.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** Global: every module tells its audited actions through AuditService.log (declared in audit-events.ts). */
@Global()
@Module({
  imports: [ProjectsModule],
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditRepository,
    AuditRecorder,
    AuditEventsListener,
    { provide: APP_INTERCEPTOR, useClass: AuditedInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
