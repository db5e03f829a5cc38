import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Coding queries saved under a name per project (their definition; results are computed when run). */
export class CreateSavedQueries1796669151252 implements MigrationInterface {
  name = 'CreateSavedQueries1796669151252';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "saved_queries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "query" jsonb NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30a42048a43defe51aacf9e3328" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_saved_queries_project_name" ON "saved_queries" ("project_id", "name")`);
    await q.query(
      `ALTER TABLE "saved_queries" ADD CONSTRAINT "FK_23b62aafbdca63dd9bdf2e86612" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "saved_queries" ADD CONSTRAINT "FK_9fb53004a345e1e291378a28290" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "saved_queries"`);
  }
}
