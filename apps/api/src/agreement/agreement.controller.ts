import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AgreementDocumentView, AgreementResult, Coding } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { type AgreementQuery, AgreementService } from './agreement.service.js';
import { AdoptCodingDto } from './dto/adopt-coding.dto.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

const CODER = 'A user id, or several separated by commas (a group, whose codings count as one side)';

@ApiTags('analysis')
@ApiBearerAuth()
@Controller('projects/:projectId/analysis/agreement')
export class AgreementController {
  constructor(private readonly agreement: AgreementService) {}

  /** Percent agreement, Cohen's kappa and Krippendorff's alpha at character level, pooled and per code. */
  @Get()
  @ApiAnswer.ok('AgreementResult', 'agreement figures, pooled and per code')
  @ApiQuery({ name: 'coderA', description: CODER })
  @ApiQuery({ name: 'coderB', description: CODER })
  @ApiQuery({
    name: 'documentId',
    required: false,
    description: 'One document id or several separated by commas; all documents when absent',
  })
  @ApiQuery({
    name: 'documents',
    required: false,
    enum: ['both', 'all'],
    description: 'both (default): only documents both sides coded (any code); all: every document',
  })
  figures(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AgreementQuery,
  ): Promise<AgreementResult> {
    return this.agreement.agreement(actor, projectId, query);
  }

  /** One document side by side: both sides' codings and where they disagree, per code. */
  @Get('disagreements')
  @Audited('agreement.read')
  @ApiAnswer.ok('AgreementDocumentView', 'one transcript side by side')
  @ApiQuery({ name: 'coderA', description: CODER })
  @ApiQuery({ name: 'coderB', description: CODER })
  @ApiQuery({ name: 'documentId', description: 'The document' })
  @ApiQuery({ name: 'codeId', required: false, description: 'Only this code (or these, comma-separated)' })
  disagreements(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AgreementQuery,
  ): Promise<AgreementDocumentView> {
    return this.agreement.documentView(actor, projectId, query);
  }

  /** Adjudication: copy another person's coding as the caller's own (a new coding, in the caller's history). */
  @Post('adopt')
  @ApiAnswer.created('Coding', "the copy, now the caller's own coding")
  adopt(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: AdoptCodingDto,
  ): Promise<Coding> {
    return this.agreement.adopt(actor, projectId, dto.codingId);
  }
}
