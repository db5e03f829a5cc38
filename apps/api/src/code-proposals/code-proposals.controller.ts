import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CodeProposal } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { CodeProposalsService } from './code-proposals.service.js';
import { CreateCodeProposalDto } from './dto/code-proposal.dto.js';

/** Proposed codebook changes and the owner's decisions on them. */
@ApiTags('codebook')
@ApiBearerAuth()
@Controller()
export class CodeProposalsController {
  constructor(private readonly proposals: CodeProposalsService) {}

  @Get('projects/:projectId/code-proposals')
  @ApiAnswer.ok(['CodeProposal'], 'open and decided proposals, newest first')
  list(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
  ): Promise<CodeProposal[]> {
    return this.proposals.list(actor, projectId);
  }

  @Post('projects/:projectId/code-proposals')
  @ApiAnswer.created('CodeProposal', 'the proposal, open; the owner is notified')
  propose(
    @CurrentActor() actor: Actor,
    @Param('projectId', new ParseIdPipe('Project')) projectId: string,
    @Body() dto: CreateCodeProposalDto,
  ): Promise<CodeProposal> {
    return this.proposals.propose(actor, projectId, dto);
  }

  @Post('code-proposals/:proposalId/accept')
  @HttpCode(200)
  @ApiAnswer.ok('CodeProposal', 'accepted: the change is applied as the owner’s, naming the proposer')
  accept(
    @CurrentActor() actor: Actor,
    @Param('proposalId', new ParseIdPipe('Code proposal')) proposalId: string,
  ): Promise<CodeProposal> {
    return this.proposals.accept(actor, proposalId);
  }

  @Post('code-proposals/:proposalId/decline')
  @HttpCode(200)
  @ApiAnswer.ok('CodeProposal', 'declined; the proposer is notified')
  decline(
    @CurrentActor() actor: Actor,
    @Param('proposalId', new ParseIdPipe('Code proposal')) proposalId: string,
  ): Promise<CodeProposal> {
    return this.proposals.decline(actor, proposalId);
  }
}
