import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  type DocumentSummary,
  type EditSession,
  type ImportedDocumentSummary,
  type ImportedSpeaker,
  MAX_DOCUMENT_BYTES,
  type TolkDocument,
} from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { validateBody } from '../platform/validate-body.js';
import { DocumentsService, type NewDocument } from './documents.service.js';
import { CreateDocumentDto, UpdateDocumentDto, UploadDocumentDto } from './dto/document.dto.js';
import { TRANSCRIPT_EXTENSIONS } from './import/import-transcript.js';
import { UntrustedParser } from '../parsing/untrusted-parser.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

const uploadLimits = {
  // Room for a BOM on top of the text limit; multer answers 413 beyond it. A field
  // may hold up to 64 KiB: room for `attributes` as JSON (50 names and values).
  limits: { fileSize: MAX_DOCUMENT_BYTES + 3, files: 1, fields: 4, fieldSize: 64 * 1024, parts: 6 },
};

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly parser: UntrustedParser,
  ) {}

  @Post('projects/:projectId/documents')
  @ApiAnswer.created('ImportedDocumentSummary', 'the new transcript (an upload also names its speakers)')
  @RateLimited('upload')
  @UseInterceptors(FileInterceptor('file', uploadLimits))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    type: CreateDocumentDto,
    description:
      `JSON, or multipart with field \`file\` (${TRANSCRIPT_EXTENSIONS.join(', ')}), optional \`title\` and optional ` +
      '`attributes` (a JSON object of string values); an upload answers with the recognised `speakers` too',
  })
  async create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() body: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportedDocumentSummary> {
    if (!file) return this.documents.create(actor, projectId, await validateBody(CreateDocumentDto, body));
    const { input, speakers } = await this.fromUpload(file, body);
    return { ...(await this.documents.create(actor, projectId, input)), speakers };
  }

  @Get('projects/:projectId/documents')
  @ApiAnswer.ok(['DocumentSummary'], 'the transcripts of the project')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<DocumentSummary[]> {
    return this.documents.list(actor, projectId);
  }

  @Get('documents/:documentId')
  @Audited('document.read')
  @ApiAnswer.ok('TolkDocument', 'the transcript with its text as it is now')
  get(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<TolkDocument> {
    return this.documents.get(actor, documentId);
  }

  /** Who changed the text when (the update log, grouped into editing sessions). */
  @Get('documents/:documentId/history')
  @ApiAnswer.ok(['EditSession'], 'who edited the text when, newest first')
  history(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<EditSession[]> {
    return this.documents.history(actor, documentId);
  }

  @Patch('documents/:documentId')
  @ApiAnswer.ok('DocumentSummary', 'the transcript as changed')
  update(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: UpdateDocumentDto,
  ): Promise<DocumentSummary> {
    return this.documents.update(actor, documentId, dto);
  }

  @Delete('documents/:documentId')
  @ApiAnswer.noContent('the transcript, its codings, comments and update log are erased')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<void> {
    return this.documents.remove(actor, documentId);
  }

  private async fromUpload(
    file: Express.Multer.File,
    body: unknown,
  ): Promise<{ input: NewDocument; speakers: ImportedSpeaker[] }> {
    const { attributes: attributesField, ...fields } = (body ?? {}) as Record<string, unknown>;
    const { title } = await validateBody(UploadDocumentDto, fields);
    const attributes = attributesField === undefined ? undefined : await uploadedAttributes(attributesField);
    // multer decodes part names as latin1; browsers send UTF-8 ("Intervju æøå.txt").
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    // Read in a worker thread: the file is untrusted and may be built to be slow or huge to parse.
    const imported = await this.parser.run({ kind: 'transcript', fileName: name, bytes: file.buffer });
    const fallbackTitle = name.replace(/\.[^.]+$/u, '').trim() || 'Untitled transcript';
    const speakers = imported.speakers.map(({ name: speaker, turns }) => ({ name: speaker, turns }));
    return {
      // Kept as the document's metadata too (GET /api/documents/:id answers with them).
      input: { title: title ?? fallbackTitle.slice(0, 300), text: imported.text, attributes, speakers },
      speakers,
    };
  }
}

/**
 * The multipart `attributes` field: a JSON object of string values, checked by
 * the same rules as the JSON body's `attributes`. (`attributes[utdanning]=…`
 * form fields, which multer nests into an object, are checked the same way.)
 */
async function uploadedAttributes(field: unknown): Promise<Record<string, string>> {
  let value = field;
  if (typeof field === 'string') {
    try {
      value = JSON.parse(field) as unknown;
    } catch {
      throw invalid(
        'invalid_attributes',
        'attributes must be a JSON object of string values, e.g. {"utdanning": "sosionom"} (it is not valid JSON)',
      );
    }
  }
  // null would pass as "not given"; here the field was given, so it must be an object.
  const { attributes } = await validateBody(UpdateDocumentDto, { attributes: value ?? 'null' });
  return attributes ?? {};
}
