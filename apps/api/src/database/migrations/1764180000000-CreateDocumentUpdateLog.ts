import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live text: the per-document Yjs update log and its merged state. Documents
 * created before this migration get their Yjs state from their text the first
 * time they are opened (`TranscriptStore.load`).
 */
export class CreateDocumentUpdateLog1764180000000 implements MigrationInterface {
  name = 'CreateDocumentUpdateLog1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "document_states" ("document_id" uuid NOT NULL, "state" bytea NOT NULL, "last_update_id" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33a904cdbceabbdaab5c754c7d1" PRIMARY KEY ("document_id"))`,
    );
    await q.query(
      `CREATE TABLE "document_updates" ("id" BIGSERIAL NOT NULL, "document_id" uuid NOT NULL, "update" bytea NOT NULL, "user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08d7134ef85b0c0f087d6a23ae4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_document_updates_document_id" ON "document_updates" ("document_id", "id")`);
    await q.query(
      `ALTER TABLE "document_states" ADD CONSTRAINT "FK_33a904cdbceabbdaab5c754c7d1" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_updates" ADD CONSTRAINT "FK_f93069f8052f5fb31b04190531c" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_updates" ADD CONSTRAINT "FK_a6621368e8fc84a238749caed63" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_updates"`);
    await q.query(`DROP TABLE "document_states"`);
  }
}
