import { Body, Controller, Delete, Get, Head, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type RecordingInfo, type RecordingRetention, type RecordingUploadStarted, TUS_VERSION } from '@tolk/contracts';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { DomainError } from '../platform/domain-error.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { Public } from '../platform/public.decorator.js';
import { SetRecordingRetentionDto, StartRecordingUploadDto } from './dto/recordings.dto.js';
import { RecordingRetentionService } from './recording-retention.service.js';
import { RecordingUploadsService, type UploadOffset } from './recording-uploads.service.js';
import { RecordingsService } from './recordings.service.js';

/** A transcript's recording: the upload (tus 1.0 subset), its metadata, its bytes with Range, its deletion. */
@ApiTags('recordings')
@ApiBearerAuth()
@Controller()
export class RecordingsController {
  constructor(
    private readonly uploads: RecordingUploadsService,
    private readonly recordings: RecordingsService,
    private readonly retention: RecordingRetentionService,
  ) {}

  @Post('documents/:documentId/recording')
  @ApiAnswer.created('RecordingUploadStarted', 'the upload resource to send the bytes to')
  async start(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: StartRecordingUploadDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordingUploadStarted> {
    const started = await this.uploads.start(actor, documentId, dto);
    response.setHeader('Tus-Resumable', TUS_VERSION);
    response.setHeader('Location', started.uploadUrl);
    return started;
  }

  @Head('recording-uploads/:uploadId')
  async offset(
    @CurrentActor() actor: Actor,
    @Param('uploadId', new ParseIdPipe('Upload')) uploadId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    tusHeaders(response, await this.uploads.offset(actor, uploadId));
  }

  @Patch('recording-uploads/:uploadId')
  @HttpCode(204)
  @ApiAnswer.noContent('the bytes are stored; Upload-Offset says how far the upload is')
  async append(
    @CurrentActor() actor: Actor,
    @Param('uploadId', new ParseIdPipe('Upload')) uploadId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const append = {
      offset: Number(request.headers['upload-offset'] ?? Number.NaN),
      contentType: request.headers['content-type'],
      body: request,
    };
    tusHeaders(response, await this.uploads.append(actor, uploadId, append));
  }

  @Get('documents/:documentId/recording')
  @ApiAnswer.ok('RecordingInfo', "the transcript's recording")
  info(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<RecordingInfo> {
    return this.recordings.info(actor, documentId);
  }

  /** Public as far as the guard goes: an `<audio>` element sends the ticket from `audioUrl` instead of a token. */
  @Public()
  @Get('documents/:documentId/recording/audio')
  @ApiAnswer.file('audio/*', 'the recording, or the one range asked for (206)')
  async audio(
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const ticket = typeof request.query.ticket === 'string' ? request.query.ticket : undefined;
    let answer;
    try {
      answer = await this.recordings.audio(
        { bearer: scheme === 'Bearer' ? token : undefined, ticket },
        documentId,
        request.headers.range,
      );
    } catch (error) {
      if (error instanceof DomainError && error.reason === 'range_not_satisfiable')
        response.setHeader('Content-Range', `bytes */${(error.params as { size: number }).size}`);
      throw error;
    }
    const { start, end } = answer.range ?? { start: 0, end: answer.size - 1 };
    response.status(answer.range ? 206 : 200);
    response.setHeader('Content-Type', answer.contentType);
    response.setHeader('Content-Length', String(end - start + 1));
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('Cache-Control', 'private, no-store');
    if (answer.range) response.setHeader('Content-Range', `bytes ${start}-${end}/${answer.size}`);
    // A player that seeks drops the connection mid-range: not an error worth more than stopping.
    // One decrypted chunk ahead at most (Readable.from would otherwise queue 16 of 256 KiB per listener).
    await pipeline(Readable.from(answer.body, { highWaterMark: 1 }), response).catch(() => response.destroy());
  }

  @Delete('documents/:documentId/recording')
  @HttpCode(204)
  @ApiAnswer.noContent('the recording and every byte of it are deleted')
  remove(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<void> {
    return this.recordings.remove(actor, documentId);
  }

  @Get('projects/:projectId/recording-retention')
  @ApiAnswer.ok('RecordingRetention', "the date by which the project's recordings must be deleted")
  retentionRule(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<RecordingRetention> {
    return this.retention.get(actor, projectId);
  }

  @Put('projects/:projectId/recording-retention')
  @ApiAnswer.ok('RecordingRetention', 'the rule as set')
  setRetentionRule(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: SetRecordingRetentionDto,
  ): Promise<RecordingRetention> {
    return this.retention.set(actor, projectId, dto.deleteBy);
  }
}

function tusHeaders(response: Response, { offset, size }: UploadOffset): void {
  response.setHeader('Tus-Resumable', TUS_VERSION);
  response.setHeader('Upload-Offset', String(offset));
  response.setHeader('Upload-Length', String(size));
  response.setHeader('Cache-Control', 'no-store');
}
