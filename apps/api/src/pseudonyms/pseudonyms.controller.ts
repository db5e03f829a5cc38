import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PseudonymApplyResult, PseudonymList } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { PseudonymListDto } from './dto/pseudonyms.dto.js';
import { PseudonymsService } from './pseudonyms.service.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

/** The project's pseudonym key list and its application (owner only). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('projects/:projectId/pseudonyms')
export class PseudonymsController {
  constructor(private readonly pseudonyms: PseudonymsService) {}

  @Get()
  @ApiAnswer.ok('PseudonymList', 'the key list')
  read(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<PseudonymList> {
    return this.pseudonyms.read(actor, projectId);
  }

  @Put()
  @ApiAnswer.ok('PseudonymList', 'the key list as saved')
  replace(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: PseudonymListDto,
  ): Promise<PseudonymList> {
    return this.pseudonyms.replace(actor, projectId, dto);
  }

  @Delete()
  @ApiAnswer.noContent('the key list is destroyed')
  @HttpCode(204)
  destroy(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<void> {
    return this.pseudonyms.destroy(actor, projectId);
  }

  @Post('apply')
  @ApiAnswer.ok('PseudonymApplyResult', 'what was replaced')
  @HttpCode(200)
  apply(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<PseudonymApplyResult> {
    return this.pseudonyms.apply(actor, projectId);
  }
}
