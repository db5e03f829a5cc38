import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { isLocale, type Locale } from '@tolk/contracts';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../audit/audited.js';
import { type Actor, CurrentActor } from '../../platform/actor.js';
import { invalid } from '../../platform/domain-error.js';
import { ParseIdPipe } from '../../platform/parse-id.pipe.js';
import { RateLimited } from '../../platform/rate-limit.js';
import { RequestLocale } from '../../platform/i18n/request-locale.js';
import { SNAPSHOT_QUERY } from '../../snapshots/readable-state.service.js';
import { ExportsService } from './exports.service.js';
import { LOCALE_QUERY, send, TYPES } from './send-file.js';
import { CoderQueries, parseCoderSelection } from '../coder-selection.js';
import { ApiAnswer } from '../../platform/openapi/api-answers.js';
import { parseReportOptions, ReportQueries } from './quote-report-options.js';

/** The quote report's query parameters as Express parses them (validated by `parseReportOptions`). */
interface ReportQuery {
  snapshotId?: unknown;
  coder?: unknown;
  codeId?: unknown;
  order?: unknown;
  definitions?: unknown;
  memos?: unknown;
}

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('projects/:projectId/export')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('segments.csv')
  @ApiAnswer.file('text/csv', 'one row per coding')
  @Audited('export.segments_csv')
  @RateLimited('export')
  @ApiProduces(TYPES.csv)
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(LOCALE_QUERY)
  @CoderQueries()
  async csv(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query('snapshotId') snapshotId?: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<void> {
    const selection = parseCoderSelection(coder, merge);
    send(res, await this.exports.segmentsCsv(actor, projectId, locale, snapshotId, selection), 'csv');
  }

  @Get('segments.xlsx')
  @ApiAnswer.file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'one row per coding')
  @Audited('export.segments_xlsx')
  @RateLimited('export')
  @ApiProduces(TYPES.xlsx)
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(LOCALE_QUERY)
  @CoderQueries()
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query('snapshotId') snapshotId?: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<void> {
    const selection = parseCoderSelection(coder, merge);
    send(res, await this.exports.segmentsXlsx(actor, projectId, locale, snapshotId, selection), 'xlsx');
  }

  @Get('report.docx')
  @ApiAnswer.file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'quotes grouped by code')
  @Audited('export.report_docx')
  @RateLimited('export')
  @ApiProduces(TYPES.docx)
  @ApiQuery({
    name: 'lang',
    required: false,
    enum: ['nb', 'en'],
    description: 'older name of `locale`, still understood',
  })
  @ApiQuery(LOCALE_QUERY)
  @ApiQuery(SNAPSHOT_QUERY)
  @ReportQueries()
  async docx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query() query: ReportQuery,
    @Query('lang') lang?: string,
  ): Promise<void> {
    if (lang !== undefined && !isLocale(lang)) throw invalid('invalid_locale', 'lang must be nb or en');
    await this.report(actor, projectId, res, 'docx', lang ?? locale, query);
  }

  @Get('report.md')
  @ApiAnswer.file('text/markdown', 'quotes grouped by code, as Markdown')
  @Audited('export.report_md')
  @RateLimited('export')
  @ApiProduces(TYPES.md)
  @ApiQuery(LOCALE_QUERY)
  @ApiQuery(SNAPSHOT_QUERY)
  @ReportQueries()
  async markdown(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query() query: ReportQuery,
  ): Promise<void> {
    await this.report(actor, projectId, res, 'md', locale, query);
  }

  @Get('report.odt')
  @ApiAnswer.file('application/vnd.oasis.opendocument.text', 'quotes grouped by code, as OpenDocument text')
  @Audited('export.report_odt')
  @RateLimited('export')
  @ApiProduces(TYPES.odt)
  @ApiQuery(LOCALE_QUERY)
  @ApiQuery(SNAPSHOT_QUERY)
  @ReportQueries()
  async odt(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query() query: ReportQuery,
  ): Promise<void> {
    await this.report(actor, projectId, res, 'odt', locale, query);
  }

  private async report(
    actor: Actor,
    projectId: string,
    res: Response,
    format: 'docx' | 'md' | 'odt',
    locale: Locale,
    query: ReportQuery,
  ): Promise<void> {
    // The report always quotes the union (no passage twice); `merge` changes nothing here.
    const selection = parseCoderSelection(query.coder, undefined);
    const options = parseReportOptions(query);
    const snapshotId = typeof query.snapshotId === 'string' ? query.snapshotId : undefined;
    send(res, await this.exports.report(actor, projectId, format, locale, options, snapshotId, selection), format);
  }
}
