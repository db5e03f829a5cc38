import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live memos: a Yjs update log and merged state per memo (like a
 * transcript's), and segment memos' anchors. Existing memo bodies are not
 * converted here: a memo without a state gets one made from its `body` the
 * first time it is loaded (`memo_states`, as `TranscriptStore.load` does
 * for documents from before the update log).
 */
export class MakeMemosLive1796646491956 implements MigrationInterface {
  name = 'MakeMemosLive1796646491956';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "memo_states" ("memo_id" uuid NOT NULL, "state" bytea NOT NULL, "last_update_id" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9aacdb55697f8f602d094644540" PRIMARY KEY ("memo_id"))`,
    );
    await q.query(
      `CREATE TABLE "memo_updates" ("id" BIGSERIAL NOT NULL, "memo_id" uuid NOT NULL, "update" bytea NOT NULL, "user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19aee9c63b651d9f40493a30ba2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_memo_updates_memo_id" ON "memo_updates" ("memo_id", "id")`);
    await q.query(`ALTER TABLE "memos" ADD "start_anchor" text`);
    await q.query(`ALTER TABLE "memos" ADD "end_anchor" text`);
    await q.query(`ALTER TABLE "memos" ADD "quote" text`);
    await q.query(
      `ALTER TABLE "memo_states" ADD CONSTRAINT "FK_9aacdb55697f8f602d094644540" FOREIGN KEY ("memo_id") REFERENCES "memos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memo_updates" ADD CONSTRAINT "FK_fdd3d4c03c74e8db0135b0fc250" FOREIGN KEY ("memo_id") REFERENCES "memos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memo_updates" ADD CONSTRAINT "FK_3d556249794be132f43a25a0d2c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "memo_updates"`);
    await q.query(`DROP TABLE "memo_states"`);
    await q.query(`ALTER TABLE "memos" DROP COLUMN "quote"`);
    await q.query(`ALTER TABLE "memos" DROP COLUMN "end_anchor"`);
    await q.query(`ALTER TABLE "memos" DROP COLUMN "start_anchor"`);
  }
}
