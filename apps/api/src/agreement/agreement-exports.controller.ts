import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Locale } from '@tolk/contracts';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LOCALE_QUERY, send, TYPES } from '../analysis/exports/send-file.js';
import { Audited } from '../audit/audited.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { RequestLocale } from '../platform/i18n/request-locale.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { RateLimited } from '../platform/rate-limit.js';
import { AgreementExportsService } from './agreement-exports.service.js';
import type { AgreementQuery } from './agreement.service.js';

const CODER = 'A user id, or several separated by commas (a group, whose codings count as one side)';

/** The same query as GET …/analysis/agreement, for every file. */
function AgreementQueries(): MethodDecorator {
  const decorators = [
    ApiQuery({ name: 'coderA', description: CODER }),
    ApiQuery({ name: 'coderB', description: CODER }),
    ApiQuery({ name: 'documentId', required: false, description: 'One document id or several separated by commas' }),
    ApiQuery({ name: 'documents', required: false, enum: ['both', 'all'], description: 'both (default) or all' }),
    ApiQuery(LOCALE_QUERY),
    ApiProduces(TYPES.csv, TYPES.xlsx, TYPES.docx),
  ];
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}

/** The agreement table as CSV, XLSX and DOCX, with a method paragraph (docs/api.md, "Intercoder agreement"). */
@ApiTags('analysis')
@ApiBearerAuth()
@Controller('projects/:projectId/analysis')
export class AgreementExportsController {
  constructor(private readonly exports: AgreementExportsService) {}

  @Get('agreement.csv')
  @ApiAnswer.file('text/csv', 'the agreement table, then the method paragraph')
  @Audited('export.agreement_csv')
  @RateLimited('export')
  @AgreementQueries()
  async csv(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AgreementQuery,
    @RequestLocale() locale: Locale,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.exports.csv(actor, projectId, query, locale), 'csv');
  }

  @Get('agreement.xlsx')
  @ApiAnswer.file(TYPES.xlsx, 'the agreement table, then the method paragraph')
  @Audited('export.agreement_xlsx')
  @RateLimited('export')
  @AgreementQueries()
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AgreementQuery,
    @RequestLocale() locale: Locale,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.exports.xlsx(actor, projectId, query, locale), 'xlsx');
  }

  @Get('agreement.docx')
  @ApiAnswer.file(TYPES.docx, 'the method paragraph and the agreement table')
  @Audited('export.agreement_docx')
  @RateLimited('export')
  @AgreementQueries()
  async docx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: AgreementQuery,
    @RequestLocale() locale: Locale,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.exports.docx(actor, projectId, query, locale), 'docx');
  }
}
