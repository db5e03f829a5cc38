import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PseudonymsModule } from '../pseudonyms/pseudonyms.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureService } from './erasure.service.js';

/** Consent withdrawal: erasing one transcript everywhere, snapshots included. */
@Module({
  imports: [ProjectsModule, DocumentsModule, SnapshotsModule, PseudonymsModule],
  controllers: [ErasureController],
  providers: [ErasureService],
})
export class ErasureModule {}
