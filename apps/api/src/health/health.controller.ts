import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@tolk/contracts';
import type { Response } from 'express';
import { Database } from '../database/database.js';
import { Public } from '../platform/public.decorator.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly database: Database) {}

  /** 200 when the database answers, 503 when it does not (for load balancers). */
  @Public()
  @Get()
  @ApiAnswer.ok('HealthResponse', 'the database answers (503 with the same shape when it does not)')
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    if (await this.database.isUp()) return { status: 'ok', db: 'up' };
    response.status(503);
    return { status: 'error', db: 'down' };
  }
}
