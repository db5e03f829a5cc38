import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Comment, CommentThread } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CommentsService } from './comments.service.js';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('documents/:documentId/comments')
  @ApiAnswer.created('Comment', 'the new comment')
  create(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<Comment> {
    return this.comments.create(actor, documentId, dto);
  }

  @Get('documents/:documentId/comments')
  @Audited('comments.read')
  @ApiAnswer.ok(['CommentThread'], 'the threads, anchors resolved')
  list(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
  ): Promise<CommentThread[]> {
    return this.comments.list(actor, documentId);
  }

  @Patch('comments/:commentId')
  @ApiAnswer.ok('Comment', 'the comment as changed')
  update(
    @CurrentActor() actor: Actor,
    @Param('commentId', new ParseIdPipe('Comment')) commentId: string,
    @Body() dto: UpdateCommentDto,
  ): Promise<Comment> {
    return this.comments.update(actor, commentId, dto);
  }
}
