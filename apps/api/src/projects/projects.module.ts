import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MembershipsRepository } from './memberships.repository.js';
import { MembersService } from './members.service.js';
import { ProjectAccessService } from './project-access.service.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [AuthModule],
  controllers: [ProjectsController],
  providers: [ProjectsRepository, MembershipsRepository, ProjectsService, MembersService, ProjectAccessService],
  exports: [ProjectAccessService, ProjectsService, ProjectsRepository, MembershipsRepository, MembersService],
})
export class ProjectsModule {}
