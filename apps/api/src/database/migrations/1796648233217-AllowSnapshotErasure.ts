import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent withdrawal (POST /api/documents/:id/erase) erases one transcript
 * from every snapshot. A snapshot's row for it becomes a tombstone (no
 * title, attributes or blob hashes; when, why and by whom), its blobs that no
 * other row uses go, and a snapshot whose memos named it gets memos without
 * them. The immutability trigger lets exactly that through, and only in a
 * transaction that declared it with `SET LOCAL tolk.snapshot_erasure = 'on'`
 * (done by ErasureService alone); everything else stays refused.
 */
export class AllowSnapshotErasure1796648233217 implements MigrationInterface {
  name = 'AllowSnapshotErasure1796648233217';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "snapshot_documents" ALTER COLUMN "title" DROP NOT NULL`);
    for (const column of ['state_hash', 'text_hash', 'codings_hash', 'comments_hash'])
      await q.query(`ALTER TABLE "snapshot_documents" ALTER COLUMN "${column}" DROP NOT NULL`);
    await q.query(`ALTER TABLE "snapshot_documents" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "snapshot_documents" ADD "erase_reason" text`);
    await q.query(`ALTER TABLE "snapshot_documents" ADD "erased_by" uuid`);
    await q.query(`
      CREATE OR REPLACE FUNCTION tolk_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        erasing boolean := coalesce(current_setting('tolk.snapshot_erasure', true), '') = 'on';
        before jsonb;
        after jsonb;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'snapshots are immutable: TRUNCATE on % refused', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'UPDATE'
           AND (to_jsonb(NEW) - 'created_by') = (to_jsonb(OLD) - 'created_by')
           AND to_jsonb(NEW) ->> 'created_by' IS NULL THEN
          RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF erasing THEN
          -- A blob nobody uses any more may go.
          IF TG_TABLE_NAME = 'snapshot_blobs' AND TG_OP = 'DELETE' THEN
            RETURN OLD;
          END IF;
          IF TG_OP = 'UPDATE' THEN
            before := to_jsonb(OLD);
            after := to_jsonb(NEW);
            -- A document row becomes a tombstone, once: nothing of the transcript stays.
            IF TG_TABLE_NAME = 'snapshot_documents'
               AND before ->> 'erased_at' IS NULL AND after ->> 'erased_at' IS NOT NULL
               AND after ->> 'erase_reason' IS NOT NULL
               AND after ->> 'title' IS NULL AND after -> 'attributes' = '{}'::jsonb
               AND after ->> 'state_hash' IS NULL AND after ->> 'text_hash' IS NULL
               AND after ->> 'codings_hash' IS NULL AND after ->> 'comments_hash' IS NULL
               AND (after - ARRAY['title', 'attributes', 'length', 'state_hash', 'text_hash', 'codings_hash',
                                  'comments_hash', 'erased_at', 'erase_reason', 'erased_by'])
                 = (before - ARRAY['title', 'attributes', 'length', 'state_hash', 'text_hash', 'codings_hash',
                                   'comments_hash', 'erased_at', 'erase_reason', 'erased_by']) THEN
              RETURN NEW;
            END IF;
            -- A snapshot's memos lose those about the erased transcript.
            IF TG_TABLE_NAME = 'snapshots' AND (after - 'extras_hash') = (before - 'extras_hash') THEN
              RETURN NEW;
            END IF;
          END IF;
        END IF;
        RAISE EXCEPTION 'snapshots are immutable: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION tolk_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'snapshots are immutable: TRUNCATE on % refused', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'UPDATE'
           AND (to_jsonb(NEW) - 'created_by') = (to_jsonb(OLD) - 'created_by')
           AND to_jsonb(NEW) ->> 'created_by' IS NULL THEN
          RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'snapshots are immutable: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    await q.query(`ALTER TABLE "snapshot_documents" DROP COLUMN "erased_by"`);
    await q.query(`ALTER TABLE "snapshot_documents" DROP COLUMN "erase_reason"`);
    await q.query(`ALTER TABLE "snapshot_documents" DROP COLUMN "erased_at"`);
  }
}
