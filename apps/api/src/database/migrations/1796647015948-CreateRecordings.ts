import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interview recordings: one per transcript, its bytes in chunks encrypted by
 * the application (the key is not in the database).
 */
export class CreateRecordings1796647015948 implements MigrationInterface {
  name = 'CreateRecordings1796647015948';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "recordings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "project_id" uuid NOT NULL, "filename" character varying(255) NOT NULL, "content_type" character varying(100) NOT NULL, "format" character varying(100), "size" bigint NOT NULL, "received" bigint NOT NULL DEFAULT '0', "duration_ms" integer, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_6372afb3d0cd1a2e590efcd39b1" UNIQUE ("document_id"), CONSTRAINT "PK_8c3247d5ee4551d59bb2115a484" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "recording_chunks" ("recording_id" uuid NOT NULL, "seq" integer NOT NULL, "nonce" bytea NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_3b1779caf642ec3edc9bb35de18" PRIMARY KEY ("recording_id", "seq"))`,
    );
    // Ciphertext does not compress: store it out of line without trying (TOAST would try pglz on every chunk).
    await q.query(`ALTER TABLE "recording_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await q.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_6372afb3d0cd1a2e590efcd39b1" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_b4f417f6e43d5974e27f37588b4" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_6c47ff4df7bf75642d63078c021" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recording_chunks" ADD CONSTRAINT "FK_d32ce25305f69b0d073eebe1764" FOREIGN KEY ("recording_id") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "recording_chunks"`);
    await q.query(`DROP TABLE "recordings"`);
  }
}
