import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CodebookImportResult, Locale, ProjectImportResult } from '@tolk/contracts';
import type { Response } from 'express';
import { Audited } from '../audit/audited.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { RequestLocale } from '../platform/i18n/request-locale.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { RateLimited } from '../platform/rate-limit.js';
import { SNAPSHOT_QUERY } from '../snapshots/readable-state.service.js';
import { type ExportedFile, ExportService } from './export.service.js';
import { ImportService } from './import.service.js';
import { localisedSummary } from './localised-summary.js';
import { MAX_EXCHANGE_UPLOAD_BYTES } from './qdpx-upload.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

const RECORDINGS_QUERY = {
  name: 'recordings',
  required: false,
  description: "`true` (owner only): each transcript's recording as an AudioSource, the audio in sources/",
  schema: { type: 'string', enum: ['true', 'false'] },
} as const;

const upload = FileInterceptor('file', {
  limits: { fileSize: MAX_EXCHANGE_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 },
});
const projectId = new ParseIdPipe('Project');
const fileBody = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } as const;

function download(response: Response, file: ExportedFile): StreamableFile {
  // RFC 6266: an ASCII fallback and the UTF-8 name ("Masteroppgåve.qdpx").
  const ascii = file.fileName.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/gu, '_');
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  return new StreamableFile(file.data, { type: file.contentType, length: file.data.length });
}

function required(file: Express.Multer.File | undefined): Buffer {
  if (!file)
    throw invalid('file_required', 'file is required: send the REFI-QDA file as multipart field "file"', {
      field: 'file',
    });
  return file.buffer;
}

/** REFI-QDA exchange (docs/api.md, "Exports and REFI-QDA exchange"): .qdpx projects and .qdc codebooks, out and in. */
@ApiTags('exchange')
@ApiBearerAuth()
@Controller('projects')
export class ExchangeController {
  constructor(
    private readonly exports: ExportService,
    private readonly imports: ImportService,
  ) {}

  @Get(':projectId/export.qdpx')
  @ApiAnswer.file('application/zip', 'the REFI-QDA project (.qdpx)')
  @Audited('export.qdpx')
  @RateLimited('export')
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(RECORDINGS_QUERY)
  async exportProject(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Res({ passthrough: true }) response: Response,
    @Query('snapshotId') snapshotId?: string,
    @Query('recordings') recordings?: string,
  ): Promise<StreamableFile> {
    return download(response, await this.exports.project(actor, id, snapshotId, recordings === 'true'));
  }

  @Get(':projectId/codebook.qdc')
  @ApiAnswer.file('application/xml', 'the REFI-QDA codebook (.qdc)')
  @Audited('export.qdc')
  @RateLimited('export')
  @ApiQuery(SNAPSHOT_QUERY)
  async exportCodebook(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @Res({ passthrough: true }) response: Response,
    @Query('snapshotId') snapshotId?: string,
  ): Promise<StreamableFile> {
    return download(response, await this.exports.codebook(actor, id, snapshotId));
  }

  /** A .qdpx (or bare .qde) becomes a new project that the caller owns. */
  @Post('import')
  @ApiAnswer.created('ProjectImportResult', 'the new project and what was imported')
  @Audited('import.qdpx')
  @RateLimited('import')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  async importProject(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestLocale() locale: Locale,
  ): Promise<ProjectImportResult> {
    return localisedSummary(await this.imports.importProject(actor, required(file)), locale);
  }

  /** A .qdc adds its codes to the project's codebook. */
  @Post(':projectId/codebook.qdc')
  @ApiAnswer.created('CodebookImportResult', 'what was added to the codebook')
  @Audited('import.qdc')
  @RateLimited('import')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  async importCodebook(
    @CurrentActor() actor: Actor,
    @Param('projectId', projectId) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestLocale() locale: Locale,
  ): Promise<CodebookImportResult> {
    return localisedSummary(await this.imports.importCodebook(actor, id, required(file)), locale);
  }
}
