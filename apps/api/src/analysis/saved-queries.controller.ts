import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CodingQueryResult, SavedQuery } from '@tolk/contracts';
import { Audited } from '../audit/audited.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { SaveQueryDto, UpdateSavedQueryDto } from './dto/saved-query.dto.js';
import { SavedQueriesService } from './saved-queries.service.js';

/** Coding queries saved under a name, and their results now. */
@ApiTags('analysis')
@ApiBearerAuth()
@Controller()
export class SavedQueriesController {
  constructor(private readonly saved: SavedQueriesService) {}

  @Get('projects/:projectId/analysis/queries')
  @ApiAnswer.ok(['SavedQuery'], 'the project’s saved queries by name')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<SavedQuery[]> {
    return this.saved.list(actor, projectId);
  }

  @Post('projects/:projectId/analysis/queries')
  @ApiAnswer.created('SavedQuery', 'the query, saved under its name')
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: SaveQueryDto,
  ): Promise<SavedQuery> {
    return this.saved.create(actor, projectId, dto);
  }

  @Patch('projects/:projectId/analysis/queries/:queryId')
  @ApiAnswer.ok('SavedQuery', 'the query renamed and/or redefined')
  update(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Param('queryId', new ParseIdPipe('Saved query')) queryId: string,
    @Body() dto: UpdateSavedQueryDto,
  ): Promise<SavedQuery> {
    return this.saved.update(actor, projectId, queryId, dto);
  }

  @Delete('projects/:projectId/analysis/queries/:queryId')
  @HttpCode(204)
  @ApiAnswer.noContent('deleted')
  delete(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Param('queryId', new ParseIdPipe('Saved query')) queryId: string,
  ): Promise<void> {
    return this.saved.delete(actor, projectId, queryId);
  }

  /** Runs the saved query on the codings as they are now. */
  @Get('projects/:projectId/analysis/queries/:queryId/results')
  @Audited('query.run')
  @ApiAnswer.ok(['CodingQueryResult'], 'the stretches of text the query covers now, with context')
  @ApiQuery({
    name: 'coder',
    required: false,
    isArray: true,
    type: String,
    description: "only these people's codings, instead of the saved query's own `coder`",
  })
  results(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Param('queryId', new ParseIdPipe('Saved query')) queryId: string,
    @Query('coder') coder?: unknown,
  ): Promise<CodingQueryResult[]> {
    return this.saved.run(actor, projectId, queryId, coder);
  }
}
