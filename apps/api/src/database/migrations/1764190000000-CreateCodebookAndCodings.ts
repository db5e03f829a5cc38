import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The codebook (codes and their change events) and codings: the current
 * state of each code assignment plus its append-only version events.
 */
export class CreateCodebookAndCodings1764190000000 implements MigrationInterface {
  name = 'CreateCodebookAndCodings1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" text NOT NULL, "color" text NOT NULL, "description" text NOT NULL DEFAULT '', "parent_id" uuid, "version" integer NOT NULL DEFAULT '1', "retired_at" TIMESTAMP WITH TIME ZONE, "merged_into_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b85c624e2d705f4e8a9b64dbf4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_codes_project" ON "codes" ("project_id")`);
    await q.query(
      `CREATE TABLE "code_events" ("id" BIGSERIAL NOT NULL, "project_id" uuid NOT NULL, "code_id" uuid NOT NULL, "action" text NOT NULL, "version" integer NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b270d85668c1e639f628fe0443" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_code_events_code" ON "code_events" ("code_id", "id")`);
    await q.query(
      `CREATE TABLE "codings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "document_id" uuid NOT NULL, "code_id" uuid NOT NULL, "start_anchor" text NOT NULL, "end_anchor" text NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL, "quote" text NOT NULL, "text_deleted" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "deleted_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_950e7bef8f3edabacbf5429e80e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_codings_project_code" ON "codings" ("project_id", "code_id")`);
    await q.query(`CREATE INDEX "IDX_codings_document" ON "codings" ("document_id")`);
    await q.query(
      `CREATE TABLE "coding_events" ("id" BIGSERIAL NOT NULL, "coding_id" uuid NOT NULL, "project_id" uuid NOT NULL, "document_id" uuid NOT NULL, "version" integer NOT NULL, "action" text NOT NULL, "code_id" uuid NOT NULL, "start_anchor" text NOT NULL, "end_anchor" text NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL, "quote" text NOT NULL, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eaaea4b6e9dfd3067105c43bc27" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_coding_events_project_at" ON "coding_events" ("project_id", "at")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_coding_events_version" ON "coding_events" ("coding_id", "version")`);
    await q.query(
      `ALTER TABLE "codes" ADD CONSTRAINT "FK_307c53f98d41a706069d448952a" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "codes" ADD CONSTRAINT "FK_3c7a02108b15c62c212310325bb" FOREIGN KEY ("parent_id") REFERENCES "codes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "code_events" ADD CONSTRAINT "FK_e1364517f9708ca22c68deb0f9d" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "code_events" ADD CONSTRAINT "FK_4baee3e217835fc2fe45f76610a" FOREIGN KEY ("code_id") REFERENCES "codes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "code_events" ADD CONSTRAINT "FK_696b6d34662d4e221fbe2707b40" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "codings" ADD CONSTRAINT "FK_82d07a44602124218f0b041179f" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "codings" ADD CONSTRAINT "FK_b638751b32ec6b0182d34fd2bd4" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "codings" ADD CONSTRAINT "FK_c2853f12f60b2943e969d994f1a" FOREIGN KEY ("code_id") REFERENCES "codes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "codings" ADD CONSTRAINT "FK_2a3af3c2c687fd6cc288020553a" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coding_events" ADD CONSTRAINT "FK_d3d56cff45a06d1426cacedbdcf" FOREIGN KEY ("coding_id") REFERENCES "codings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coding_events" ADD CONSTRAINT "FK_46a7ba7e3cffc7d03887a0cb8f5" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coding_events" ADD CONSTRAINT "FK_475d5eea92783c76a05d94b1624" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "coding_events"`);
    await q.query(`DROP TABLE "codings"`);
    await q.query(`DROP TABLE "code_events"`);
    await q.query(`DROP TABLE "codes"`);
  }
}
