import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InvitationsModule } from '../invitations/invitations.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { PersonalDataRepository } from './personal-data.repository.js';

@Module({
  imports: [AuthModule, ProjectsModule, InvitationsModule],
  controllers: [AccountController],
  providers: [AccountService, PersonalDataRepository],
})
export class AccountModule {}
