import { Global, Module } from '@nestjs/common';
import { ClusterBus } from './cluster-bus.service.js';
import { EventsRelay } from './events-relay.service.js';
import { RateLimits } from '../platform/rate-limits.js';

/** What api instances tell each other and share (Redis), for every module that needs it. */
@Global()
@Module({ providers: [ClusterBus, EventsRelay, RateLimits], exports: [ClusterBus, RateLimits] })
export class ClusterModule {}
