import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Proposed codebook changes, and who proposed a change the owner accepted (in the codebook's history). */
export class CreateCodeProposals1796649600413 implements MigrationInterface {
  name = 'CreateCodeProposals1796649600413';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "code_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "code_id" uuid, "into_code_id" uuid, "name" text, "description" text, "parent_id" uuid, "note" text NOT NULL DEFAULT '', "proposed_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "result_code_id" uuid, CONSTRAINT "PK_f75709490db4fbc73efa6695212" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_code_proposals_project" ON "code_proposals" ("project_id", "created_at")`);
    for (const [name, column, table, onDelete] of [
      ['FK_ae8235701cf82e678a6973e996a', 'project_id', 'projects', 'CASCADE'],
      ['FK_91b289a8e3282a6223e71324122', 'code_id', 'codes', 'CASCADE'],
      ['FK_b97ef01d444286ddf3b35374a21', 'into_code_id', 'codes', 'CASCADE'],
      ['FK_6a1b6e376c2e9c9d1c957b5cacc', 'parent_id', 'codes', 'SET NULL'],
      ['FK_b5dcc6878c3559c3585d8400fe4', 'result_code_id', 'codes', 'SET NULL'],
      ['FK_92dacf1f1959e89e0352d22cfbd', 'proposed_by_id', 'users', 'SET NULL'],
      ['FK_555c7c2b3655c9d97a177db480d', 'decided_by_id', 'users', 'SET NULL'],
    ]) {
      await q.query(
        `ALTER TABLE "code_proposals" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }
    await q.query(`ALTER TABLE "code_events" ADD "proposed_by_id" uuid`);
    await q.query(`ALTER TABLE "code_events" ADD "proposal_id" uuid`);
    await q.query(
      `ALTER TABLE "code_events" ADD CONSTRAINT "FK_f66bbeeab897dbbe24d8d12cacb" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "code_events" DROP CONSTRAINT "FK_f66bbeeab897dbbe24d8d12cacb"`);
    await q.query(`ALTER TABLE "code_events" DROP COLUMN "proposal_id"`);
    await q.query(`ALTER TABLE "code_events" DROP COLUMN "proposed_by_id"`);
    await q.query(`DROP TABLE "code_proposals"`);
  }
}
