import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per project, the date its data is erased; per transcript, the informant's consent reference and date. */
export class CreateRetentionAndConsent1764253000000 implements MigrationInterface {
  name = 'CreateRetentionAndConsent1764253000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "project_retention" ("project_id" uuid NOT NULL, "retention_until" date NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf1e5a06d16e76726682ee95062" PRIMARY KEY ("project_id"))`,
    );
    await q.query(
      `CREATE TABLE "document_consents" ("document_id" uuid NOT NULL, "reference" character varying(200) NOT NULL, "consent_date" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2a8c7836f65af488eb6c1975fa4" PRIMARY KEY ("document_id"))`,
    );
    await q.query(
      `ALTER TABLE "project_retention" ADD CONSTRAINT "FK_bf1e5a06d16e76726682ee95062" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_consents" ADD CONSTRAINT "FK_2a8c7836f65af488eb6c1975fa4" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_consents"`);
    await q.query(`DROP TABLE "project_retention"`);
  }
}
