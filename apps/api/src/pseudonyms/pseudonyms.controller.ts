import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PseudonymApplyResult, PseudonymList } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { PseudonymListDto } from './dto/pseudonyms.dto.js';
import { PseudonymsService } from './pseudonyms.service.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

/** The project's pseudonym key list and its application (owner only). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('projects/:projectId/pseudonyms')
export class PseudonymsController {
  constructor(private readonly pseudonyms: PseudonymsService) {}

  @Get()
  @Audited('pseudonyms.read')
  @ApiAnswer.ok('PseudonymList', 'the key list')
  read(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<PseudonymList> {
    return this.pseudonyms.read(actor, projectId);
  }

  @Put()
  @Audited<PseudonymList>('pseudonyms.update', { details: (list) => ({ entries: list.entries.length }) })
  @ApiAnswer.ok('PseudonymList', 'the key list as saved')
  replace(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: PseudonymListDto,
  ): Promise<PseudonymList> {
    return this.pseudonyms.replace(actor, projectId, dto);
  }

  @Delete()
  @Audited<{ existed: boolean }>('pseudonyms.destroy', { details: ({ existed }) => ({ existed }) })
  @ApiAnswer.noContent('the key list is destroyed')
  @HttpCode(204)
  destroy(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<{ existed: boolean }> {
    // 204: the answer is for the audit entry only.
    return this.pseudonyms.destroy(actor, projectId);
  }

  @Post('apply')
  @Audited<PseudonymApplyResult>('pseudonyms.apply', {
    details: (r) => ({ documentsChanged: r.documentsChanged, replacements: r.replacements }),
  })
  @ApiAnswer.ok('PseudonymApplyResult', 'what was replaced')
  @HttpCode(200)
  apply(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<PseudonymApplyResult> {
    return this.pseudonyms.apply(actor, projectId);
  }
}
