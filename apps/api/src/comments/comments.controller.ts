import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Comment, CommentThread, DocumentActivity, ProjectCommentThread } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CommentsService } from './comments.service.js';
import { DocumentActivityService } from './document-activity.service.js';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto.js';
import { Audited } from '../audit/audited.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly activity: DocumentActivityService,
  ) {}

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

  @Delete('comments/:commentId')
  @HttpCode(204)
  @ApiAnswer.noContent('deleted, with its replies when it starts a thread')
  async delete(
    @CurrentActor() actor: Actor,
    @Param('commentId', new ParseIdPipe('Comment')) commentId: string,
  ): Promise<void> {
    await this.comments.delete(actor, commentId);
  }

  @Get('projects/:projectId/comments')
  @Audited('comments.read')
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'resolved'] })
  @ApiQuery({ name: 'mentions', required: false, enum: ['me'] })
  @ApiQuery({ name: 'author', required: false, description: 'threads this person wrote in' })
  @ApiQuery({ name: 'documentId', required: false })
  @ApiAnswer.ok(['ProjectCommentThread'], 'every thread of the project, newest first, filtered')
  listProject(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<ProjectCommentThread[]> {
    return this.comments.listProject(actor, projectId, query);
  }

  @Get('projects/:projectId/documents/activity')
  @ApiAnswer.ok(['DocumentActivity'], 'per transcript: open threads, unread for the caller, last change')
  documentActivity(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<DocumentActivity[]> {
    return this.activity.list(actor, projectId);
  }
}
