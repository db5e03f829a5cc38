import { Module } from '@nestjs/common';
import { CodebookModule } from '../codebook/codebook.module.js';
import { CodingsModule } from '../codings/codings.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AgreementController } from './agreement.controller.js';
import { AgreementExportsController } from './agreement-exports.controller.js';
import { AgreementExportsService } from './agreement-exports.service.js';
import { AgreementService } from './agreement.service.js';

/** Intercoder agreement and adjudication (docs/api.md, "Intercoder agreement"). */
@Module({
  imports: [ProjectsModule, DocumentsModule, CodingsModule, CodebookModule],
  controllers: [AgreementController, AgreementExportsController],
  providers: [AgreementService, AgreementExportsService],
})
export class AgreementModule {}
