import type { MigrationInterface, QueryRunner } from 'typeorm';

const ORGANISATION = '(SELECT app.scope_organisation_id())';

/** The lens section that shares each category (DOCUMENT_LENS_SECTIONS in the contract, as it was written). */
const LENS_SECTION_OF_CATEGORY = `CASE category
  WHEN 'identity-document' THEN 'identityDocumentFiles'
  WHEN 'consent-form' THEN 'consentFormFiles'
  WHEN 'medical' THEN 'medicalFiles'
  WHEN 'legal' THEN 'legalFiles'
  WHEN 'travel' THEN 'travelFiles'
  WHEN 'certificate' THEN 'certificateFiles'
  WHEN 'photo' THEN 'photoFiles'
  ELSE 'otherFiles' END`;

/**
 * Documents and photos on a case (docs/architecture.md, "Documents"). A document row holds what
 * lists need — category, date, type, size, the record it supports — and its title and original
 * file name sealed under the case key; its content lives in `case_document_chunk`, each chunk
 * sealed on its own (AES-256-GCM, the document id and chunk index bound in). Both tables are
 * under the case's row-level security: the case's organisation, and a partner only while an open
 * referral's lens shares that category — its chunks follow the document row it can see.
 * No trigger feeds the statistics projection: files never reach it.
 */
export class CaseDocuments1764487000000 implements MigrationInterface {
  name = 'CaseDocuments1764487000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.case_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('identity-document', 'consent-form', 'medical', 'legal', 'travel', 'certificate', 'photo', 'other')),
        record_type text CHECK (record_type IN ('consent', 'assessment', 'service', 'referral', 'placement', 'enrolment')),
        record_id uuid,
        sealed_title bytea NOT NULL,
        sealed_file_name bytea NOT NULL,
        document_date date,
        content_type text NOT NULL,
        byte_size bigint NOT NULL CHECK (byte_size >= 0),
        chunk_count integer NOT NULL CHECK (chunk_count >= 0),
        scan text NOT NULL CHECK (scan IN ('clean', 'not-scanned', 'failed')),
        uploaded_by uuid NOT NULL REFERENCES app."user"(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((record_type IS NULL) = (record_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX case_document_case_idx ON app.case_document (case_id, uploaded_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE app.case_document_chunk (
        -- Deferred: the chunks are written as the upload streams in, the document row once its size is known.
        document_id uuid NOT NULL REFERENCES app.case_document(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        chunk_index integer NOT NULL CHECK (chunk_index >= 0),
        sealed bytea NOT NULL,
        PRIMARY KEY (document_id, chunk_index)
      )`);
    // Ciphertext does not compress: storing it out of line without trying saves the attempt.
    await queryRunner.query(`ALTER TABLE app.case_document_chunk ALTER COLUMN sealed SET STORAGE EXTERNAL`);
    await queryRunner.query(`CREATE INDEX case_document_chunk_case_idx ON app.case_document_chunk (case_id)`);

    for (const table of ['case_document', 'case_document_chunk']) {
      const own = `app.scope_is_system() OR app.case_of_scope(${table}.case_id)`;
      await queryRunner.query(`ALTER TABLE app.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_of_scope ON app.${table} FOR ALL USING (${own}) WITH CHECK (${own})`,
      );
    }
    // A partner reads a file while an open referral's lens shares its category, never after.
    await queryRunner.query(`
      CREATE POLICY case_document_in_lens ON app.case_document FOR SELECT USING (
        EXISTS (SELECT 1 FROM app.referral r
                 WHERE r.case_id = case_document.case_id AND r.to_organisation_id = ${ORGANISATION}
                   AND r.status IN ('sent', 'accepted') AND (${LENS_SECTION_OF_CATEGORY}) = ANY (r.lens)))`);
    // Its chunks follow the document rows the reader may see (that sub-select is itself under the policies above).
    await queryRunner.query(`
      CREATE POLICY case_document_chunk_in_lens ON app.case_document_chunk FOR SELECT USING (
        EXISTS (SELECT 1 FROM app.case_document d
                 WHERE d.id = case_document_chunk.document_id
                   AND EXISTS (SELECT 1 FROM app.referral r
                                WHERE r.case_id = d.case_id AND r.to_organisation_id = ${ORGANISATION}
                                  AND r.status IN ('sent', 'accepted')
                                  AND (${LENS_SECTION_OF_CATEGORY.replace('CASE category', 'CASE d.category')}) = ANY (r.lens))))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.case_document_chunk`);
    await queryRunner.query(`DROP TABLE app.case_document`);
  }
}
