import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Member, Project, ProjectSummary } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CreateProjectDto, UpdateMemberDto, UpdateProjectDto } from './dto/project.dto.js';
import { MembersService } from './members.service.js';
import { ProjectsService } from './projects.service.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

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
  @ApiAnswer.created('Project', 'the new project; the caller owns it')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<Project> {
    return this.projects.create(actor, dto);
  }

  @Get()
  @ApiAnswer.ok(['ProjectSummary'], "the caller's projects")
  list(@CurrentActor() actor: Actor): Promise<ProjectSummary[]> {
    return this.projects.list(actor);
  }

  @Get(':projectId')
  @ApiAnswer.ok('Project', "the project with the caller's role")
  get(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<Project> {
    return this.projects.get(actor, id);
  }

  @Patch(':projectId')
  @ApiAnswer.ok('Project', 'the project as changed')
  update(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<Project> {
    return this.projects.update(actor, id, dto);
  }

  @Delete(':projectId')
  @ApiAnswer.noContent('the project and everything in it are erased')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<void> {
    return this.projects.remove(actor, id);
  }

  @Get(':projectId/members')
  @ApiAnswer.ok(['Member'], 'the members')
  listMembers(@CurrentActor() actor: Actor, @Param('projectId', projectId) id: string): Promise<Member[]> {
    return this.members.list(actor, id);
  }

  @Patch(':projectId/members/:userId')
  @ApiAnswer.ok('Member', 'the member with the new role')
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Param('userId', new ParseIdPipe('Member')) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<Member> {
    return this.members.changeRole(actor, id, userId, dto.role);
  }

  @Delete(':projectId/members/:userId')
  @ApiAnswer.noContent('the member is removed (or left)')
  @HttpCode(204)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Param('userId', new ParseIdPipe('Member')) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, id, userId);
  }
}
