import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Code, CodebookHistoryEntry } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CodebookService } from './codebook.service.js';
import { CreateCodeDto, UpdateCodeDto } from './dto/code.dto.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

/** Codebook reads and edits. Merge and delete live with the codings (they move codings). */
@ApiTags('codebook')
@ApiBearerAuth()
@Controller()
export class CodebookController {
  constructor(private readonly codebook: CodebookService) {}

  @Get('projects/:projectId/codes')
  @ApiAnswer.ok(['Code'], 'the codebook')
  @ApiQuery({ name: 'retired', required: false, description: 'true: also merged and deleted codes, marked `retired`' })
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('retired') retired?: string,
  ): Promise<Code[]> {
    return this.codebook.list(actor, projectId, retired === 'true' || retired === '1');
  }

  @Get('projects/:projectId/codebook/history')
  @ApiAnswer.ok(['CodebookHistoryEntry'], 'every change of the codebook, oldest first')
  history(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<CodebookHistoryEntry[]> {
    return this.codebook.history(actor, projectId);
  }

  @Post('projects/:projectId/codes')
  @ApiAnswer.created('Code', 'the new code')
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: CreateCodeDto,
  ): Promise<Code> {
    return this.codebook.create(actor, projectId, dto);
  }

  @Patch('codes/:codeId')
  @ApiAnswer.ok('Code', 'the code as changed')
  update(
    @CurrentActor() actor: Actor,
    @Param('codeId', new ParseIdPipe('Code')) codeId: string,
    @Body() dto: UpdateCodeDto,
  ): Promise<Code> {
    return this.codebook.update(actor, codeId, dto);
  }
}
