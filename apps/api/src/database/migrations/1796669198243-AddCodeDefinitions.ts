import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A code's definition beyond its description: when to use it, when not to,
 * and an example quote taken from a coding; proposals may carry the same.
 */
export class AddCodeDefinitions1796669198243 implements MigrationInterface {
  name = 'AddCodeDefinitions1796669198243';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "codes" ADD "when_to_use" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "codes" ADD "when_not_to_use" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "codes" ADD "example_coding_id" uuid`);
    await q.query(`ALTER TABLE "codes" ADD "example_quote" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "code_proposals" ADD "when_to_use" text`);
    await q.query(`ALTER TABLE "code_proposals" ADD "when_not_to_use" text`);
    await q.query(`ALTER TABLE "code_proposals" ADD "example_coding_id" uuid`);
    await q.query(`ALTER TABLE "code_proposals" ADD "example_quote" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['example_quote', 'example_coding_id', 'when_not_to_use', 'when_to_use']) {
      await q.query(`ALTER TABLE "code_proposals" DROP COLUMN "${column}"`);
      await q.query(`ALTER TABLE "codes" DROP COLUMN "${column}"`);
    }
  }
}
