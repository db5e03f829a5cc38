import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditPage, Locale } from '@tolk/contracts';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { RequestLocale } from '../platform/i18n/request-locale.js';
import { translate } from '../platform/i18n/translate.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

/** The project's audit log, for its owner. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @ApiAnswer.ok('AuditPage', 'audit entries, newest first')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AuditQueryDto,
  ): Promise<AuditPage> {
    return this.audit.list(actor, projectId, query);
  }

  @Get('audit.csv')
  @ApiAnswer.file('text/csv', 'every matching audit entry')
  async csv(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AuditQueryDto,
    @Res() response: Response,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    const lines = await this.audit.csv(actor, projectId, query, locale);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${translate(locale, 'audit.file')}-${projectId}.csv"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    Readable.from(lines).pipe(response);
  }
}
