import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over transcripts and coded passages, and batches of
 * codings made by "code all hits".
 *
 * `document_search` holds each document's text as tsvectors, one per
 * text-search configuration a project can choose (settings.searchLanguage),
 * with a GIN index each. A trigger keeps it in step with `documents.text`
 * (which the collab rooms keep current), so no code path can forget it.
 * It is not an entity: nothing reads it but the search query, and TypeORM
 * leaves tables it does not know alone.
 */
export class AddTranscriptSearchAndCodingBatches1764235000000 implements MigrationInterface {
  name = 'AddTranscriptSearchAndCodingBatches1764235000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "document_search" ("document_id" uuid NOT NULL PRIMARY KEY REFERENCES "documents"("id") ON DELETE CASCADE, "norwegian" tsvector NOT NULL, "english" tsvector NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_document_search_norwegian" ON "document_search" USING GIN ("norwegian")`);
    await q.query(`CREATE INDEX "IDX_document_search_english" ON "document_search" USING GIN ("english")`);
    await q.query(`
      CREATE FUNCTION tolk_document_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO document_search (document_id, norwegian, english)
        VALUES (NEW.id, to_tsvector('norwegian'::regconfig, NEW.text), to_tsvector('english'::regconfig, NEW.text))
        ON CONFLICT (document_id) DO UPDATE SET norwegian = EXCLUDED.norwegian, english = EXCLUDED.english;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "TRG_documents_search_insert" AFTER INSERT ON "documents" FOR EACH ROW EXECUTE FUNCTION tolk_document_search_sync()`,
    );
    // Only when the text really changed: saving the same live text again costs nothing.
    await q.query(
      `CREATE TRIGGER "TRG_documents_search_update" AFTER UPDATE OF "text" ON "documents" FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION tolk_document_search_sync()`,
    );
    await q.query(
      `INSERT INTO document_search (document_id, norwegian, english)
       SELECT id, to_tsvector('norwegian'::regconfig, text), to_tsvector('english'::regconfig, text) FROM documents`,
    );
    // Retrieval's text search in coded passages, per configuration (the entity lists them as not synchronised).
    await q.query(
      `CREATE INDEX "IDX_codings_quote_norwegian" ON "codings" USING GIN (to_tsvector('norwegian'::regconfig, "quote"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_codings_quote_english" ON "codings" USING GIN (to_tsvector('english'::regconfig, "quote"))`,
    );

    await q.query(
      `CREATE TABLE "coding_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "code_id" uuid NOT NULL, "query" text NOT NULL, "coding_ids" uuid array NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "undone_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5886fdfb9da1351155660236c07" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_coding_batches_project" ON "coding_batches" ("project_id")`);
    await q.query(
      `ALTER TABLE "coding_batches" ADD CONSTRAINT "FK_287cede79403aca21c868997afc" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coding_batches" ADD CONSTRAINT "FK_55c0a1eab1846c52688380672f4" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "coding_batches"`);
    await q.query(`DROP INDEX "IDX_codings_quote_english"`);
    await q.query(`DROP INDEX "IDX_codings_quote_norwegian"`);
    await q.query(`DROP TRIGGER "TRG_documents_search_update" ON "documents"`);
    await q.query(`DROP TRIGGER "TRG_documents_search_insert" ON "documents"`);
    await q.query(`DROP FUNCTION tolk_document_search_sync()`);
    await q.query(`DROP TABLE "document_search"`);
  }
}
