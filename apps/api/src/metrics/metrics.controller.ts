import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { unauthenticated } from '../platform/domain-error.js';
import { Public } from '../platform/public.decorator.js';
import { MetricsService } from './metrics.service.js';

/** `GET /metrics` (outside `/api`), for Prometheus; with `TOLK_METRICS_TOKEN` set, only with that bearer token. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() request: Request & { res?: { type(t: string): void } }): Promise<string> {
    const expected = this.settings.metricsToken;
    if (expected !== undefined && !sameSecret(request.headers.authorization ?? '', `Bearer ${expected}`)) {
      throw unauthenticated('metrics_token_required', 'Metrics need the bearer token set in TOLK_METRICS_TOKEN');
    }
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
