import { Module } from '@nestjs/common';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [DocumentsModule, CodingsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
