import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CodeProposalsController } from './code-proposals.controller.js';
import { CodeProposalsRepository } from './code-proposals.repository.js';
import { CodeProposalsService } from './code-proposals.service.js';

@Module({
  imports: [ProjectsModule, CodebookModule, CodingsModule, NotificationsModule],
  controllers: [CodeProposalsController],
  providers: [CodeProposalsService, CodeProposalsRepository],
})
export class CodeProposalsModule {}
