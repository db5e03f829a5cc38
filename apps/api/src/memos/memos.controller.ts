import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Locale, Memo, MemoHistory, MemoSummary } from '@tolk/contracts';
import type { Response } from 'express';
import { LOCALE_QUERY, send, TYPES } from '../analysis/exports/send-file.js';
import { RateLimited } from '../platform/rate-limit.js';
import { RequestLocale } from '../platform/i18n/request-locale.js';
import { Audited } from '../audit/audited.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { CreateSegmentMemoDto, PutMemoDto } from './dto/memo.dto.js';
import { MemosService } from './memos.service.js';

@ApiTags('memos')
@ApiBearerAuth()
@Controller()
export class MemosController {
  constructor(private readonly memos: MemosService) {}

  @Get('projects/:projectId/memos')
  @Audited('memos.list')
  @ApiAnswer.ok(['MemoSummary'], "the project's memos: the project's first, then per transcript, per code, per segment")
  list(@CurrentActor() actor: Actor, @Param('projectId') id: string): Promise<MemoSummary[]> {
    return this.memos.list(actor, id);
  }

  @Get('projects/:projectId/memos.docx')
  @Audited('memos.export_docx')
  @RateLimited('export')
  @ApiProduces(TYPES.docx)
  @ApiQuery(LOCALE_QUERY)
  @ApiAnswer.file(
    TYPES.docx,
    "every memo of the project, grouped by what it is about, headings in the reader's language",
  )
  async docx(
    @CurrentActor() actor: Actor,
    @Param('projectId') id: string,
    @Res() res: Response,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    send(res, await this.memos.docx(actor, id, locale), 'docx');
  }

  @Get('projects/:projectId/memo')
  @Audited('memo.read')
  @ApiAnswer.ok('Memo', "the project's memo")
  projectMemo(@CurrentActor() actor: Actor, @Param('projectId') id: string): Promise<Memo> {
    return this.memos.get(actor, { kind: 'project', id });
  }

  @Put('projects/:projectId/memo')
  @ApiAnswer.ok('Memo', 'the memo as saved')
  putProjectMemo(@CurrentActor() actor: Actor, @Param('projectId') id: string, @Body() dto: PutMemoDto): Promise<Memo> {
    return this.memos.put(actor, { kind: 'project', id }, dto.body, dto.version);
  }

  @Get('documents/:documentId/memo')
  @Audited('memo.read')
  @ApiAnswer.ok('Memo', "the transcript's memo")
  documentMemo(@CurrentActor() actor: Actor, @Param('documentId') id: string): Promise<Memo> {
    return this.memos.get(actor, { kind: 'document', id });
  }

  @Put('documents/:documentId/memo')
  @ApiAnswer.ok('Memo', 'the memo as saved')
  putDocumentMemo(
    @CurrentActor() actor: Actor,
    @Param('documentId') id: string,
    @Body() dto: PutMemoDto,
  ): Promise<Memo> {
    return this.memos.put(actor, { kind: 'document', id }, dto.body, dto.version);
  }

  @Post('documents/:documentId/memos')
  @ApiAnswer.created('Memo', 'a new memo on a segment of the transcript')
  createSegmentMemo(
    @CurrentActor() actor: Actor,
    @Param('documentId') id: string,
    @Body() dto: CreateSegmentMemoDto,
  ): Promise<Memo> {
    return this.memos.createSegmentMemo(actor, id, dto);
  }

  @Get('codes/:codeId/memo')
  @Audited('memo.read')
  @ApiAnswer.ok('Memo', "the code's memo")
  codeMemo(@CurrentActor() actor: Actor, @Param('codeId') id: string): Promise<Memo> {
    return this.memos.get(actor, { kind: 'code', id });
  }

  @Put('codes/:codeId/memo')
  @ApiAnswer.ok('Memo', 'the memo as saved')
  putCodeMemo(@CurrentActor() actor: Actor, @Param('codeId') id: string, @Body() dto: PutMemoDto): Promise<Memo> {
    return this.memos.put(actor, { kind: 'code', id }, dto.body, dto.version);
  }

  @Get('memos/:memoId')
  @Audited('memo.read')
  @ApiAnswer.ok('Memo', 'the memo')
  memo(@CurrentActor() actor: Actor, @Param('memoId') id: string): Promise<Memo> {
    return this.memos.get(actor, { kind: 'memo', id });
  }

  @Put('memos/:memoId')
  @ApiAnswer.ok('Memo', 'the memo as saved')
  putMemo(@CurrentActor() actor: Actor, @Param('memoId') id: string, @Body() dto: PutMemoDto): Promise<Memo> {
    return this.memos.put(actor, { kind: 'memo', id }, dto.body, dto.version);
  }

  @Delete('memos/:memoId')
  @HttpCode(204)
  @ApiAnswer.noContent('the memo is deleted with its history')
  async deleteMemo(@CurrentActor() actor: Actor, @Param('memoId') id: string): Promise<void> {
    await this.memos.delete(actor, id);
  }

  @Get('memos/:memoId/history')
  @Audited('memo.history')
  @ApiAnswer.ok('MemoHistory', 'who wrote what: edit sessions and the text in runs by author')
  history(@CurrentActor() actor: Actor, @Param('memoId') id: string): Promise<MemoHistory> {
    return this.memos.history(actor, id);
  }
}
