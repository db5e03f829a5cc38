import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations: membership by consent. A pending invitation names an email
 * (normalised), not an account, so inviting says nothing about whether the
 * address has one; it is deleted when the invitee accepts or declines.
 */
export class CreateInvitations1796651457588 implements MigrationInterface {
  name = 'CreateInvitations1796651457588';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "role" text NOT NULL, "invited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_invitations_role" CHECK ("role" IN ('owner', 'supervisor', 'coder', 'viewer')), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_invitations_project_email" ON "invitations" ("project_id", "email")`);
    await q.query(`CREATE INDEX "IDX_invitations_email" ON "invitations" ("email")`);
    await q.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_invitations_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "invitations"`);
  }
}
