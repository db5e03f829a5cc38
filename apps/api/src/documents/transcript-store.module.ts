import { Module } from '@nestjs/common';
import { TranscriptStore } from './transcript-store.js';
import { UpdateLogRepository } from './update-log.repository.js';
import { UpdateLogStore } from './update-log.store.js';

/** Transcript text in PostgreSQL: the update-log repository and the store on top of it. */
@Module({
  providers: [UpdateLogRepository, UpdateLogStore, { provide: TranscriptStore, useExisting: UpdateLogStore }],
  exports: [TranscriptStore, UpdateLogRepository],
})
export class TranscriptStoreModule {}
