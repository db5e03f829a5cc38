import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token revocation: every token carries the account's token version; signing
 * out or changing the password raises it, so every token issued before stops
 * working at once. Tokens from before this migration carry none and count as
 * version 0, so nobody is signed out by the upgrade.
 */
export class AddUserTokenVersion1764251000000 implements MigrationInterface {
  name = 'AddUserTokenVersion1764251000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
