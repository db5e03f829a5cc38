import { Injectable } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { Repo } from '../database/transactions.js';
import { DocumentConsentEntity, ProjectRetentionEntity } from './retention.entities.js';

/** Every query of `project_retention` and `document_consent`. */
@Injectable()
export class RetentionRepository extends Repo {
  /** The project's retention date (YYYY-MM-DD), or null when it has none. */
  async retentionUntil(projectId: string): Promise<string | null> {
    const row = await this.manager().findOneBy(ProjectRetentionEntity, { projectId });
    return row?.retentionUntil ?? null;
  }

  /** Sets the date, or removes it (null). */
  async setRetentionUntil(projectId: string, retentionUntil: string | null): Promise<void> {
    const repository = this.manager().getRepository(ProjectRetentionEntity);
    if (retentionUntil === null) await repository.delete({ projectId });
    else await repository.save({ projectId, retentionUntil });
  }

  /** The projects whose date is `today` (YYYY-MM-DD) or before. */
  due(today: string): Promise<{ projectId: string; retentionUntil: string }[]> {
    return this.manager().find(ProjectRetentionEntity, {
      where: { retentionUntil: LessThanOrEqual(today) },
      select: { projectId: true, retentionUntil: true },
    });
  }

  async consent(documentId: string): Promise<{ reference: string; consentDate: string | null } | null> {
    const row = await this.manager().findOneBy(DocumentConsentEntity, { documentId });
    return row ? { reference: row.reference, consentDate: row.consentDate } : null;
  }

  async setConsent(documentId: string, reference: string, consentDate: string | null): Promise<void> {
    await this.manager().getRepository(DocumentConsentEntity).save({ documentId, reference, consentDate });
  }
}
