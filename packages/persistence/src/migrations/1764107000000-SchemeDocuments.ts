import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A scheme's documents (issue 14): the proposal, its estimate, the contract, progress reports, the acceptance
 * minutes, the settlement papers, each an uploaded document (owned by the implementing unit, so that whoever's grants
 * cover the unit may read it) attached with its kind, by whom and when.
 */
export class SchemeDocuments1764107000000 implements MigrationInterface {
  name = 'SchemeDocuments1764107000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE scheme_documents (
      scheme_id uuid NOT NULL,
      document_id uuid NOT NULL,
      kind text NOT NULL,
      added_by uuid NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_scheme_documents PRIMARY KEY (scheme_id, document_id),
      CONSTRAINT fk_scheme_documents_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
      CONSTRAINT fk_scheme_documents_document FOREIGN KEY (document_id) REFERENCES documents (id),
      CONSTRAINT fk_scheme_documents_added_by FOREIGN KEY (added_by) REFERENCES users (id),
      CONSTRAINT ck_scheme_documents_kind CHECK (kind IN ('proposal', 'estimate', 'contract', 'progress_report', 'acceptance_minutes', 'settlement', 'other'))
    )`);
    await queryRunner.query(`CREATE INDEX ix_scheme_documents_document ON scheme_documents (document_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE scheme_documents`);
  }
}
