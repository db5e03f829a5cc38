import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Memo } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { PutMemoDto } from './dto/memo.dto.js';
import { MemosService } from './memos.service.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('memos')
@ApiBearerAuth()
@Controller()
export class MemosController {
  constructor(private readonly memos: MemosService) {}

  @Get('projects/:projectId/memo')
  @Audited('memo.read')
  @ApiAnswer.ok('Memo', "the project's memo")
  projectMemo(@CurrentActor() actor: Actor, @Param('projectId') id: string): Promise<Memo> {
    return this.memos.get(actor, { kind: 'project', id });
  }

  @Put('projects/:projectId/memo')
  @ApiAnswer.ok('Memo', 'the memo as saved')
  putProjectMemo(@CurrentActor() actor: Actor, @Param('projectId') id: string, @Body() dto: PutMemoDto): Promise<Memo> {
    return this.memos.put(actor, { kind: 'project', id }, dto.body);
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
    return this.memos.put(actor, { kind: 'document', id }, dto.body);
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
    return this.memos.put(actor, { kind: 'code', id }, dto.body);
  }
}
