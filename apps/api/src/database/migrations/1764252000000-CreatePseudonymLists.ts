import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pseudonym key lists, one per project, encrypted by the application (the key is not in the database). */
export class CreatePseudonymLists1764252000000 implements MigrationInterface {
  name = 'CreatePseudonymLists1764252000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "pseudonym_lists" ("project_id" uuid NOT NULL, "nonce" bytea NOT NULL, "ciphertext" bytea NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2edd2993a04906e38791e730d9b" PRIMARY KEY ("project_id"))`,
    );
    await q.query(
      `ALTER TABLE "pseudonym_lists" ADD CONSTRAINT "FK_2edd2993a04906e38791e730d9b" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pseudonym_lists" ADD CONSTRAINT "FK_1c428b26edf9a243eff07c524fe" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pseudonym_lists"`);
  }
}
