import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Invitation, Member, Project } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { RateLimited } from '../platform/rate-limit.js';
import { invalid } from '../platform/domain-error.js';
import { AddMemberDto } from '../projects/dto/project.dto.js';
import { MembersService } from '../projects/members.service.js';
import { InviteDto } from './dto/invite.dto.js';
import { InvitationsService } from './invitations.service.js';

const invitationId = new ParseIdPipe('Invitation');

@ApiTags('projects')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly members: MembersService,
  ) {}

  @Post('projects/:projectId/invitations')
  @ApiAnswer.accepted('invited; the same answer whether or not the address has an account')
  @RateLimited('invite')
  @HttpCode(202)
  invite(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: InviteDto,
  ): Promise<void> {
    return this.invitations.invite(actor, projectId, dto);
  }

  /**
   * The older way in: with `email` it invites exactly like POST …/invitations
   * (202, no hint whether the address has an account); with `userId` it adds
   * someone already sharing a project with the caller (201).
   */
  @Post('projects/:projectId/members')
  @ApiAnswer.created('Member', 'the new member (added by userId)')
  @ApiAnswer.accepted('invited (by email); the same answer whether or not the address has an account')
  @RateLimited('invite')
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: AddMemberDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Member | undefined> {
    if (dto.userId !== undefined && dto.email === undefined)
      return this.members.addKnown(actor, projectId, dto.userId, dto.role);
    if (dto.email === undefined || dto.userId !== undefined)
      throw invalid('email_or_user_id', 'Give either email (to invite) or userId (someone sharing a project with you)');
    await this.invitations.invite(actor, projectId, { email: dto.email, role: dto.role });
    response.status(202);
    return undefined;
  }

  @Get('invitations')
  @ApiAnswer.ok(['Invitation'], "the caller's pending invitations, newest first")
  mine(@CurrentActor() actor: Actor): Promise<Invitation[]> {
    return this.invitations.mine(actor);
  }

  @Post('invitations/:invitationId/accept')
  @ApiAnswer.ok('Project', 'the project the invitee joined, with their role')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('invitationId', invitationId) id: string): Promise<Project> {
    return this.invitations.accept(actor, id);
  }

  @Post('invitations/:invitationId/decline')
  @ApiAnswer.noContent('declined; the invitation is gone')
  @HttpCode(204)
  decline(@CurrentActor() actor: Actor, @Param('invitationId', invitationId) id: string): Promise<void> {
    return this.invitations.decline(actor, id);
  }
}
