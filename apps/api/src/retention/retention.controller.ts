import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DocumentConsent, ProjectRetention } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { ConsentDto, RetentionDto } from './dto/retention.dto.js';
import { RetentionService } from './retention.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('projects/:projectId/retention')
  get(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<ProjectRetention> {
    return this.retention.retention(actor, projectId);
  }

  @Put('projects/:projectId/retention')
  set(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: RetentionDto,
  ): Promise<ProjectRetention> {
    return this.retention.setRetention(actor, projectId, dto);
  }

  @Get('documents/:documentId/consent')
  consent(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<DocumentConsent> {
    return this.retention.consent(actor, documentId);
  }

  @Put('documents/:documentId/consent')
  setConsent(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: ConsentDto,
  ): Promise<DocumentConsent> {
    return this.retention.setConsent(actor, documentId, dto);
  }
}
