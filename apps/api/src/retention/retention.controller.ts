import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DocumentConsent, ProjectRetention } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { ConsentDto, RetentionDto } from './dto/retention.dto.js';
import { RetentionService } from './retention.service.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('projects/:projectId/retention')
  @ApiAnswer.ok('ProjectRetention', 'when the project will be erased')
  get(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<ProjectRetention> {
    return this.retention.retention(actor, projectId);
  }

  @Put('projects/:projectId/retention')
  @ApiAnswer.ok('ProjectRetention', 'the retention as set')
  set(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: RetentionDto,
  ): Promise<ProjectRetention> {
    return this.retention.setRetention(actor, projectId, dto);
  }

  @Get('documents/:documentId/consent')
  @ApiAnswer.ok('DocumentConsent', "the informant's consent")
  consent(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<DocumentConsent> {
    return this.retention.consent(actor, documentId);
  }

  @Put('documents/:documentId/consent')
  @ApiAnswer.ok('DocumentConsent', 'the consent as saved')
  setConsent(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: ConsentDto,
  ): Promise<DocumentConsent> {
    return this.retention.setConsent(actor, documentId, dto);
  }
}
