import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots (content-addressed blobs, one row per snapshot and per document
 * in it) and deadlines. A trigger makes the snapshot tables immutable: an
 * UPDATE or DELETE is refused while the project exists, so only the erasure
 * of the whole project (ON DELETE CASCADE, which runs after the project row
 * is gone) removes them. The one update let through clears `created_by`,
 * which the erasure of a user account does (ON DELETE SET NULL).
 */
export class CreateSnapshotsAndDeadlines1764220000000 implements MigrationInterface {
  name = 'CreateSnapshotsAndDeadlines1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deadline_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE, "codebook_hash" bytea NOT NULL, "extras_hash" bytea NOT NULL, CONSTRAINT "PK_f5661b5fd4224d23e26a631986b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_snapshots_project" ON "snapshots" ("project_id", "created_at")`);
    await q.query(
      `CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "snapshot_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_deadlines_project" ON "deadlines" ("project_id")`);
    await q.query(`CREATE INDEX "IDX_deadlines_due" ON "deadlines" ("due_at")`);
    await q.query(
      `CREATE TABLE "snapshot_blobs" ("project_id" uuid NOT NULL, "hash" bytea NOT NULL, "bytes" bytea NOT NULL, CONSTRAINT "PK_ddc7b956bf8052b09fbc7b6af0c" PRIMARY KEY ("project_id", "hash"))`,
    );
    await q.query(
      `CREATE TABLE "snapshot_documents" ("snapshot_id" uuid NOT NULL, "document_id" uuid NOT NULL, "project_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "attributes" jsonb NOT NULL DEFAULT '{}', "document_created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "length" integer NOT NULL, "state_hash" bytea NOT NULL, "text_hash" bytea NOT NULL, "codings_hash" bytea NOT NULL, "comments_hash" bytea NOT NULL, CONSTRAINT "PK_5d1bc6834bd10860f994057581b" PRIMARY KEY ("snapshot_id", "document_id"))`,
    );
    await q.query(
      `ALTER TABLE "snapshots" ADD CONSTRAINT "FK_5f8a2f9648b48680516b57b7065" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "snapshots" ADD CONSTRAINT "FK_af8a5dfb73d2721e9b35f466c0c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "FK_f619bd26ef8d785f37a14c288b6" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "FK_2ce0058a4bd5250616dd7c0d428" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "FK_b1a0e77b87564b32b8d293dc9db" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "snapshot_blobs" ADD CONSTRAINT "FK_1f227a0592c4ce458acb48e36c3" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "snapshot_documents" ADD CONSTRAINT "FK_8a40eb63aabae7a2f9f62110421" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "snapshot_documents" ADD CONSTRAINT "FK_f827c6a2840794b8c10850d6398" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every snapshot table has project_id: the project still being there is
    // what makes a change a tampering rather than an erasure.
    await q.query(`
      CREATE FUNCTION tolk_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'snapshots are immutable: TRUNCATE on % refused', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'UPDATE'
           AND (to_jsonb(NEW) - 'created_by') = (to_jsonb(OLD) - 'created_by')
           AND to_jsonb(NEW) ->> 'created_by' IS NULL THEN
          RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'snapshots are immutable: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    for (const table of ['snapshots', 'snapshot_documents', 'snapshot_blobs']) {
      await q.query(
        `CREATE TRIGGER "${table}_immutable" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tolk_snapshot_immutable()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION tolk_snapshot_immutable()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deadlines"`);
    await q.query(`DROP TABLE "snapshot_documents"`);
    await q.query(`DROP TABLE "snapshot_blobs"`);
    await q.query(`DROP TABLE "snapshots"`);
    await q.query(`DROP FUNCTION tolk_snapshot_immutable()`);
  }
}
