import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Coding, CodingVersion } from '@tolk/contracts';
import { MergeCodeDto } from '../codebook/dto/code.dto.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CodeRetirementService } from './code-retirement.service.js';
import { CodingsService } from './codings.service.js';
import { CreateCodingDto, UpdateCodingDto } from './dto/coding.dto.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('codings')
@ApiBearerAuth()
@Controller()
export class CodingsController {
  constructor(
    private readonly codings: CodingsService,
    private readonly retirement: CodeRetirementService,
  ) {}

  @Post('documents/:documentId/codings')
  @ApiAnswer.created('Coding', 'the new coding (version 1)')
  create(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: CreateCodingDto,
  ): Promise<Coding> {
    return this.codings.create(actor, documentId, dto);
  }

  @Get('documents/:documentId/codings')
  @Audited('codings.read')
  @ApiAnswer.ok(['Coding'], 'the current codings, resolved against the current text')
  list(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<Coding[]> {
    return this.codings.list(actor, documentId);
  }

  @Patch('codings/:codingId')
  @ApiAnswer.ok('Coding', 'the coding as a new version')
  update(
    @CurrentActor() actor: Actor,
    @Param('codingId', new ParseIdPipe('Coding')) codingId: string,
    @Body() dto: UpdateCodingDto,
  ): Promise<Coding> {
    return this.codings.update(actor, codingId, dto);
  }

  @Delete('codings/:codingId')
  @ApiAnswer.noContent('deleted, as a new version')
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('codingId', new ParseIdPipe('Coding')) codingId: string,
  ): Promise<void> {
    await this.codings.remove(actor, codingId);
  }

  /** Brings back a deleted coding as a new version (`restored`). */
  @Post('codings/:codingId/restore')
  @ApiAnswer.ok('Coding', 'the coding back, as a new version')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('codingId', new ParseIdPipe('Coding')) codingId: string,
  ): Promise<Coding> {
    return this.codings.restore(actor, codingId);
  }

  @Get('codings/:codingId/history')
  @Audited('codings.read')
  @ApiAnswer.ok(['CodingVersion'], 'every version, oldest first')
  history(
    @CurrentActor() actor: Actor,
    @Param('codingId', new ParseIdPipe('Coding')) codingId: string,
  ): Promise<CodingVersion[]> {
    return this.codings.history(actor, codingId);
  }

  @Post('codes/:codeId/merge')
  @ApiAnswer.noContent('codings and sub-codes moved; the code is retired')
  @HttpCode(204)
  merge(
    @CurrentActor() actor: Actor,
    @Param('codeId', new ParseIdPipe('Code')) codeId: string,
    @Body() dto: MergeCodeDto,
  ): Promise<void> {
    return this.retirement.merge(actor, codeId, dto.intoCodeId);
  }

  @Delete('codes/:codeId')
  @ApiAnswer.noContent('the code is retired')
  @HttpCode(204)
  @ApiQuery({ name: 'force', required: false, description: 'true: also delete the codings that use the code' })
  removeCode(
    @CurrentActor() actor: Actor,
    @Param('codeId', new ParseIdPipe('Code')) codeId: string,
    @Query('force') force?: string,
  ): Promise<void> {
    return this.retirement.remove(actor, codeId, force === 'true' || force === '1');
  }
}
