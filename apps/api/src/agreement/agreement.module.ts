import { Module } from '@nestjs/common';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AgreementController } from './agreement.controller.js';
import { AgreementQueries } from './agreement.queries.js';
import { AgreementService } from './agreement.service.js';

/** Intercoder agreement and adjudication (docs/api.md, "Intercoder agreement"). */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodingsModule],
  controllers: [AgreementController],
  providers: [AgreementQueries, AgreementService],
})
export class AgreementModule {}
