import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Speakers recognised at import, kept as document metadata. */
export class AddDocumentSpeakers1764210000000 implements MigrationInterface {
  name = 'AddDocumentSpeakers1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" ADD "speakers" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" DROP COLUMN "speakers"`);
  }
}
