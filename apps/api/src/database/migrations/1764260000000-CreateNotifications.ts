import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications per recipient (mentions, replies, proposals, deadline snapshots, invitations) and who wants which. */
export class CreateNotifications1764260000000 implements MigrationInterface {
  name = 'CreateNotifications1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "project_id" uuid NOT NULL, "document_id" uuid, "comment_id" uuid, "thread_id" uuid, "actor_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_notifications_user" ON "notifications" ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "IDX_notifications_comment" ON "notifications" ("comment_id")`);
    await q.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "muted" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    for (const [name, column, table, onDelete] of [
      ['FK_9a8a82462cab47c73d25f49261f', 'user_id', 'users', 'CASCADE'],
      ['FK_95464140d7dc04d7efb0afd6be0', 'project_id', 'projects', 'CASCADE'],
      ['FK_75ae3a0a2630774eaeccd68fd1f', 'document_id', 'documents', 'CASCADE'],
      ['FK_e20313cbf1dacbb2abc5bd66d26', 'comment_id', 'comments', 'SET NULL'],
      ['FK_20f8b51fd9655c0b69feed5efc6', 'actor_id', 'users', 'SET NULL'],
    ]) {
      await q.query(
        `ALTER TABLE "notifications" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }
    await q.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_settings"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
