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
import { type DocumentSummary, type EditSession, MAX_DOCUMENT_BYTES, type TolkDocument } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { DomainError } from '../platform/domain-error.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { validateBody } from '../platform/validate-body.js';
import { DocumentsService, type NewDocument } from './documents.service.js';
import { CreateDocumentDto, UpdateDocumentDto, UploadDocumentDto } from './dto/document.dto.js';
import { decodeTextFile } from './transcript-text.js';

/** Formats the API names; only plain text is read so far. */
const LATER_FORMATS = ['.docx', '.vtt', '.srt'];

const uploadLimits = {
  // Room for a BOM on top of the text limit; multer answers 413 beyond it.
  limits: { fileSize: MAX_DOCUMENT_BYTES + 3, files: 1, fields: 4, fieldSize: 4096, parts: 6 },
};

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('projects/:projectId/documents')
  @UseInterceptors(FileInterceptor('file', uploadLimits))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CreateDocumentDto, description: 'JSON, or multipart with field `file` (.txt) and optional `title`' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() body: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DocumentSummary> {
    const input = file ? await this.fromUpload(file, body) : await validateBody(CreateDocumentDto, body);
    return this.documents.create(actor, projectId, input);
  }

  @Get('projects/:projectId/documents')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<DocumentSummary[]> {
    return this.documents.list(actor, projectId);
  }

  @Get('documents/:documentId')
  get(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<TolkDocument> {
    return this.documents.get(actor, documentId);
  }

  /** Who changed the text when (the update log, grouped into editing sessions). */
  @Get('documents/:documentId/history')
  history(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<EditSession[]> {
    return this.documents.history(actor, documentId);
  }

  @Patch('documents/:documentId')
  update(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: UpdateDocumentDto,
  ): Promise<DocumentSummary> {
    return this.documents.update(actor, documentId, dto);
  }

  @Delete('documents/:documentId')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<void> {
    return this.documents.remove(actor, documentId);
  }

  private async fromUpload(file: Express.Multer.File, body: unknown): Promise<NewDocument> {
    const { title } = await validateBody(UploadDocumentDto, body);
    // multer decodes part names as latin1; browsers send UTF-8 ("Intervju æøå.txt").
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    const extension = /\.[^.]+$/.exec(name)?.[0].toLowerCase() ?? '';
    if (extension !== '.txt') {
      const why = LATER_FORMATS.includes(extension) ? `${extension} files are not supported yet` : 'only .txt files are supported';
      throw new DomainError('unsupported_media_type', `file: ${why}; upload plain text (.txt, UTF-8)`);
    }
    const fallbackTitle = name.slice(0, -extension.length).trim() || 'Untitled transcript';
    return { title: title ?? fallbackTitle.slice(0, 300), text: decodeTextFile(file.buffer) };
  }
}
