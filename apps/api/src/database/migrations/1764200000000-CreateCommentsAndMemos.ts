import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Comments (threads anchored to segments) and memos (project, document, code). */
export class CreateCommentsAndMemos1764200000000 implements MigrationInterface {
  name = 'CreateCommentsAndMemos1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "document_id" uuid NOT NULL, "parent_id" uuid, "body" text NOT NULL, "start_anchor" text, "end_anchor" text, "quote" text, "mentions" jsonb NOT NULL DEFAULT '[]', "author_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_comments_document" ON "comments" ("document_id", "created_at")`);
    await q.query(
      `CREATE TABLE "memos" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "target" text NOT NULL, "document_id" uuid, "code_id" uuid, "body" text NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f005ade603ff6ea114dcacde0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_memos_target" ON "memos" ("project_id", "target")`);
    await q.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_03dbde2ff570596e874bb3bb311" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_a1d57a679e3c52ff85fa53ead0d" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_d6f93329801a93536da4241e386" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_458210935b0e55d85844608ec69" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memos" ADD CONSTRAINT "FK_1e5eb62157f7557c19e439d35b9" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memos" ADD CONSTRAINT "FK_c919a4b8390ecb792f1eff80f65" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memos" ADD CONSTRAINT "FK_5686b108aa8e6ac5fe88e9e1b70" FOREIGN KEY ("code_id") REFERENCES "codes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memos" ADD CONSTRAINT "FK_c46f751fe5eb82a0b907e6112b4" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "memos"`);
    await q.query(`DROP TABLE "comments"`);
  }
}
