import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Member, Project, ProjectSummary } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { AddMemberDto, CreateProjectDto, UpdateMemberDto, UpdateProjectDto } from './dto/project.dto.js';
import { MembersService } from './members.service.js';
import { ProjectsService } from './projects.service.js';

const projectId = new ParseIdPipe('Project');

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly members: MembersService,
  ) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<Project> {
    return this.projects.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<ProjectSummary[]> {
    return this.projects.list(actor);
  }

  @Get(':projectId')
  get(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<Project> {
    return this.projects.get(actor, id);
  }

  @Patch(':projectId')
  update(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<Project> {
    return this.projects.update(actor, id, dto);
  }

  @Delete(':projectId')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<void> {
    return this.projects.remove(actor, id);
  }

  @Get(':projectId/members')
  listMembers(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<Member[]> {
    return this.members.list(actor, id);
  }

  @Post(':projectId/members')
  addMember(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<Member> {
    return this.members.add(actor, id, dto);
  }

  @Patch(':projectId/members/:userId')
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Param('userId', new ParseIdPipe('Member')) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<Member> {
    return this.members.changeRole(actor, id, userId, dto.role);
  }

  @Delete(':projectId/members/:userId')
  @HttpCode(204)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Param('userId', new ParseIdPipe('Member')) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, id, userId);
  }
}
