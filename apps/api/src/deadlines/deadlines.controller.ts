import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Deadline } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { DeadlinesService } from './deadlines.service.js';
import { CreateDeadlineDto } from './dto/deadline.dto.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Post('projects/:projectId/deadlines')
  @ApiAnswer.created('Deadline', 'the new deadline')
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: CreateDeadlineDto,
  ): Promise<Deadline> {
    return this.deadlines.create(actor, projectId, dto);
  }

  @Get('projects/:projectId/deadlines')
  @ApiAnswer.ok(['Deadline'], 'the deadlines, soonest first')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<Deadline[]> {
    return this.deadlines.list(actor, projectId);
  }

  @Delete('deadlines/:deadlineId')
  @ApiAnswer.noContent('the deadline is removed; a snapshot it took stays')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('deadlineId', new ParseIdPipe('Deadline')) deadlineId: string,
  ): Promise<void> {
    return this.deadlines.remove(actor, deadlineId);
  }
}
