import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per project, the date by which its interview recordings must be deleted, and whether the reminder went out. */
export class CreateRecordingRetention1796658260177 implements MigrationInterface {
  name = 'CreateRecordingRetention1796658260177';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "project_recording_retention" ("project_id" uuid NOT NULL, "delete_by" date NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed0e1807dfcdf8a886f053ab417" PRIMARY KEY ("project_id"))`,
    );
    await q.query(
      `ALTER TABLE "project_recording_retention" ADD CONSTRAINT "FK_ed0e1807dfcdf8a886f053ab417" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "project_recording_retention"`);
  }
}
