import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from './membership.entity.js';
import { MembersService } from './members.service.js';
import { ProjectAccessService } from './project-access.service.js';
import { ProjectEntity } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ProjectEntity, MembershipEntity])],
  controllers: [ProjectsController],
  providers: [ProjectsService, MembersService, ProjectAccessService],
  exports: [ProjectAccessService, ProjectsService],
})
export class ProjectsModule {}
