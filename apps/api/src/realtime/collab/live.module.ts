import { Module } from '@nestjs/common';
import { TranscriptStoreModule } from '../../documents/transcript-store.module.js';
import { CollabRooms } from './collab-rooms.service.js';
import { AuditExtension } from './extensions/audit.extension.js';
import { ClusterFanOutExtension } from './extensions/cluster-fan-out.extension.js';
import { MetricsExtension } from './extensions/metrics.extension.js';
import { PersistenceExtension } from './extensions/persistence.extension.js';
import { TextChangedExtension } from './extensions/text-changed.extension.js';
import { LIVE_EXTENSIONS, type LiveExtension } from './live-extension.js';
import { LiveDocuments } from './live-documents.service.js';

/** The extensions of the live path; add one here (and to `inject`) to plug it in. */
const EXTENSIONS = [
  PersistenceExtension,
  ClusterFanOutExtension,
  TextChangedExtension,
  AuditExtension,
  MetricsExtension,
];

/**
 * The live documents: rooms (the only holder of live Y.Docs), the pipeline
 * of named hooks and its extensions, and LiveDocuments for the rest of the
 * server. The /collab endpoint itself is in RealtimeModule.
 */
@Module({
  imports: [TranscriptStoreModule],
  providers: [
    ...EXTENSIONS,
    {
      provide: LIVE_EXTENSIONS,
      useFactory: (...extensions: LiveExtension[]) => extensions,
      inject: EXTENSIONS,
    },
    CollabRooms,
    LiveDocuments,
  ],
  exports: [CollabRooms, LiveDocuments, TranscriptStoreModule],
})
export class LiveModule {}
