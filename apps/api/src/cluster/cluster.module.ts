import { Global, Module } from '@nestjs/common';
import { ClusterBus } from './cluster-bus.service.js';
import { EventsRelay } from './events-relay.service.js';

/** What api instances tell each other (Redis), for every module that needs it. */
@Global()
@Module({ providers: [ClusterBus, EventsRelay], exports: [ClusterBus] })
export class ClusterModule {}
