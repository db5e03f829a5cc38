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
import { type ExportFile, ExportsService } from './exports.service.js';
import { ApiAnswer } from '../../platform/openapi/api-answers.js';

const LOCALE_QUERY = {
  name: 'locale',
  required: false,
  enum: ['en', 'nb'],
  description:
    'language of headers and file name (and `;` with decimal commas in CSV for nb); default from Accept-Language, else en',
} as const;

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

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
  async csv(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query('snapshotId') snapshotId?: string,
  ): Promise<void> {
    send(res, await this.exports.segmentsCsv(actor, projectId, locale, snapshotId), 'csv');
  }

  @Get('segments.xlsx')
  @ApiAnswer.file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'one row per coding')
  @Audited('export.segments_xlsx')
  @RateLimited('export')
  @ApiProduces(TYPES.xlsx)
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(LOCALE_QUERY)
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query('snapshotId') snapshotId?: string,
  ): Promise<void> {
    send(res, await this.exports.segmentsXlsx(actor, projectId, locale, snapshotId), 'xlsx');
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
  async docx(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
    @Query('lang') lang?: string,
    @Query('snapshotId') snapshotId?: string,
  ): Promise<void> {
    if (lang !== undefined && !isLocale(lang)) throw invalid('invalid_locale', 'lang must be nb or en');
    send(res, await this.exports.report(actor, projectId, lang ?? locale, snapshotId), 'docx');
  }
}

function send(res: Response, file: ExportFile, extension: keyof typeof TYPES): void {
  const name = `${file.baseName}.${extension}`;
  // An ASCII fallback and the real name (RFC 6266 / RFC 5987).
  const ascii = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/gu, '')
    .replace(/["\\]/gu, '');
  res.setHeader('Content-Type', TYPES[extension]);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(file.body);
}
