import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens are remembered by id, so each can be used once (rotation)
 * and a reused one revokes its family. Tokens issued before carry no id and
 * stop working: their holders sign in again.
 */
export class CreateRefreshTokens1796651411201 implements MigrationInterface {
  name = 'CreateRefreshTokens1796651411201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);
    await q.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "refresh_tokens"`);
  }
}
