import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  CodeAttributeMatrix,
  CodeAllHitsResult,
  CodeDocumentMatrix,
  CodeFrequency,
  CodingQueryResult,
  Cooccurrence,
  SearchResult,
  UndoCodeAllResult,
  WordFrequency,
} from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { AnalysisService } from './analysis.service.js';
import { CodeAllHitsDto } from './dto/code-all-hits.dto.js';
import { SearchService } from './search.service.js';
import { CodingQueryService } from './coding-query.service.js';
import { WordFrequencyService } from './word-frequency.service.js';
import { parseSegmentFilter } from './segment-filter.js';
import { CoderQueries, parseCoderSelection } from './coder-selection.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('analysis')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class AnalysisController {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly searching: SearchService,
    private readonly codingQueries: CodingQueryService,
    private readonly wordFrequencies: WordFrequencyService,
  ) {}

  @Get('segments')
  @Audited('segments.read')
  @ApiAnswer.ok(['Segment'], 'the coded segments that match')
  @ApiQuery({ name: 'codeId', required: false, description: 'a code; its sub-codes are included' })
  @ApiQuery({ name: 'documentId', required: false })
  @CoderQueries()
  @ApiQuery({ name: 'q', required: false, description: 'full-text search in the coded passages' })
  @ApiQuery({
    name: 'attr.NAME',
    required: false,
    description: 'document attribute NAME must have this value (repeatable)',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async segments(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<StreamableFile> {
    // Already JSON (`Segment[]`, up to 8 MiB): sent as it is, not parsed and written again.
    const json = Buffer.from(await this.analysis.segmentsJson(actor, projectId, parseSegmentFilter(query)));
    return new StreamableFile(json, { type: 'application/json; charset=utf-8', length: json.length });
  }

  @Get('analysis/frequencies')
  @ApiAnswer.ok(['CodeFrequency'], 'per code: codings, documents, characters')
  @CoderQueries()
  frequencies(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<CodeFrequency[]> {
    return this.analysis.frequencies(actor, projectId, parseCoderSelection(coder, merge));
  }

  @Get('analysis/cooccurrence')
  @ApiAnswer.ok('Cooccurrence', 'overlapping pairs per pair of codes')
  @CoderQueries()
  cooccurrence(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<Cooccurrence> {
    return this.analysis.cooccurrence(actor, projectId, parseCoderSelection(coder, merge));
  }

  @Get('analysis/matrix')
  @ApiAnswer.ok('CodeAttributeMatrix', 'codings per code per attribute value')
  @CoderQueries()
  @ApiQuery({ name: 'attribute', required: true, description: 'a document attribute, e.g. utdanning' })
  matrix(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('attribute') attribute?: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<CodeAttributeMatrix> {
    return this.analysis.attributeMatrix(actor, projectId, attribute, parseCoderSelection(coder, merge));
  }

  @Get('analysis/document-matrix')
  @ApiAnswer.ok('CodeDocumentMatrix', 'codings per code per document')
  @CoderQueries()
  documentMatrix(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('coder') coder?: unknown,
    @Query('merge') merge?: unknown,
  ): Promise<CodeDocumentMatrix> {
    return this.analysis.documentMatrix(actor, projectId, parseCoderSelection(coder, merge));
  }

  /** A coding query: AND/OR/NOT/NEAR/FOLLOWED BY over codes, answered as segments with context. */
  @Post('analysis/query')
  @HttpCode(200)
  @Audited('query.run')
  @ApiAnswer.ok(['CodingQueryResult'], 'the stretches of text the query covers, with context')
  @ApiBody({
    description:
      '`{expression, coder?, documentId?, attributes?, context?}`: expression is a tree of `{codeId}` (or `{code}`), ' +
      '`{and: [...]}`, `{or: [...]}`, `{not: …}` (inside and), `{near: [a, b], within: chars | "turn"}`, ' +
      '`{followedBy: [a, b], within?}` (docs/api.md, «Coding queries»)',
    schema: { type: 'object', required: ['expression'] },
  })
  query(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() body: unknown,
  ): Promise<CodingQueryResult[]> {
    return this.codingQueries.run(actor, projectId, body);
  }

  @Get('analysis/words')
  @Audited('words.read')
  @ApiAnswer.ok(['WordFrequency'], 'the most frequent words (lemmas) without stop words')
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many words (1 to 1000, default 100)' })
  @ApiQuery({ name: 'codeId', required: false, description: 'only the text this code (and its sub-codes) covers' })
  @ApiQuery({
    name: 'coder',
    required: false,
    isArray: true,
    type: String,
    description: "only these people's coded text",
  })
  words(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('limit') limit?: unknown,
    @Query('coder') coder?: unknown,
    @Query('codeId') codeId?: unknown,
  ): Promise<WordFrequency[]> {
    return this.wordFrequencies.words(actor, projectId, { limit, coder, codeId });
  }

  @Get('search')
  @Audited('search.run')
  @ApiAnswer.ok('SearchResult', 'the hits')
  @ApiQuery({ name: 'q', required: true, description: 'words to find (web search syntax: "a phrase", or, -word)' })
  search(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query('q') q?: string,
  ): Promise<SearchResult> {
    return this.searching.search(actor, projectId, q);
  }

  /** Codes every hit of a search with one code, as one batch that can be undone. */
  @Post('search/code-all')
  @ApiAnswer.created('CodeAllHitsResult', 'every hit coded, as one batch')
  codeAll(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: CodeAllHitsDto,
  ): Promise<CodeAllHitsResult> {
    return this.searching.codeAll(actor, projectId, dto);
  }

  @Delete('search/code-all/:batchId')
  @ApiAnswer.ok('UndoCodeAllResult', 'the batch taken back')
  @HttpCode(200)
  undoCodeAll(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Param('batchId', new ParseIdPipe('Batch')) batchId: string,
  ): Promise<UndoCodeAllResult> {
    return this.searching.undo(actor, projectId, batchId);
  }
}
