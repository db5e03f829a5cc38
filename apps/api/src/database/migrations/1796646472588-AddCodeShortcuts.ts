import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Codes get a stable shortcut key. Until now the web client gave the digits
 * 1–9 to the first nine codes of the codebook as it reads (depth first,
 * siblings by name), so existing codes keep the keys people know: the first
 * ten active codes of each project in that order get 1…9, then 0. The
 * client sorts names with the reader's collator and the database with its
 * own, so names differing only in case or accents may come out swapped.
 */
export class AddCodeShortcuts1796646472588 implements MigrationInterface {
  name = 'AddCodeShortcuts1796646472588';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "codes" ADD "shortcut" character varying(1)`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_codes_shortcut" ON "codes" ("project_id", "shortcut") WHERE "shortcut" IS NOT NULL`,
    );
    await q.query(
      `WITH RECURSIVE tree AS (
         SELECT c.id, c.project_id, ARRAY[lower(c.name)] AS path
           FROM codes c
          WHERE c.retired_at IS NULL
            AND (c.parent_id IS NULL OR NOT EXISTS (
                  SELECT 1 FROM codes p WHERE p.id = c.parent_id AND p.retired_at IS NULL))
         UNION ALL
         SELECT c.id, c.project_id, tree.path || lower(c.name)
           FROM codes c JOIN tree ON c.parent_id = tree.id
          WHERE c.retired_at IS NULL
       ), ranked AS (
         SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY path, id) AS n FROM tree
       )
       UPDATE codes SET shortcut = CASE WHEN ranked.n = 10 THEN '0' ELSE ranked.n::text END
         FROM ranked WHERE codes.id = ranked.id AND ranked.n <= 10`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_codes_shortcut"`);
    await q.query(`ALTER TABLE "codes" DROP COLUMN "shortcut"`);
  }
}
