import { Controller, Delete, Get, HttpCode, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AccountExport } from '@tolk/contracts';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.js';
import { clearRefreshCookie } from '../auth/refresh-cookie.js';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { AccountService } from './account.service.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

/** The caller's own data: GDPR access and erasure. */
@ApiTags('account')
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('export')
  @Audited('account.export')
  @ApiAnswer.ok('AccountExport', 'everything Tolk holds about the caller, as a JSON attachment')
  async export(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<AccountExport> {
    response.setHeader('Content-Disposition', 'attachment; filename="tolk-my-data.json"');
    return this.account.export(actor);
  }

  @Delete()
  @ApiAnswer.noContent('the account is erased')
  @HttpCode(204)
  async erase(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.account.erase(actor);
    clearRefreshCookie(request, response);
  }
}
