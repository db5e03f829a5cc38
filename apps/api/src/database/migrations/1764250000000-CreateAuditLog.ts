import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log, append-only in the database itself: a trigger refuses
 * UPDATE, DELETE and TRUNCATE unless the transaction has set
 * `tolk.audit_erasure` to `on` (`SET LOCAL`, done only by account erasure and
 * retention, in AuditService.forgetPerson and eraseProject), so a bug or a stray query in the
 * application cannot rewrite history.
 */
export class CreateAuditLog1764250000000 implements MigrationInterface {
  name = 'CreateAuditLog1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "project_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(32), "target_id" character varying(64), "document_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), "user_agent" character varying(512), "request_id" character varying(64), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_audit_entries_project" ON "audit_entries" ("project_id", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_actor" ON "audit_entries" ("actor_id", "id")`);
    await q.query(`
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('tolk.audit_erasure', true), '') = 'on' THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(
      `CREATE TRIGGER "audit_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_entries"`);
    await q.query(`DROP FUNCTION audit_entries_append_only()`);
  }
}
