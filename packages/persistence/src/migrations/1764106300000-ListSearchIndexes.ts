import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { foldSql } from '../fold.js';

/**
 * Indexes for the searchable, sortable lists (entries, establishments, certificates, schemes; issue 14), found with
 * EXPLAIN ANALYZE on 100,000 entries and schemes (`pnpm --filter @khuyencong/bench bench:lists`, docs/benchmarks.md).
 *
 * The text search is a "contains" match on the accent-folded text (foldSql, shared with the public catalogue):
 * trigram GIN indexes on exactly that expression let `LIKE '%ca phe%'` use an index instead of folding every row.
 * pg_trgm ships with PostgreSQL (contrib); creating it needs a role allowed to create extensions.
 */
export class ListSearchIndexes1764106300000 implements MigrationInterface {
  name = 'ListSearchIndexes1764106300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX ix_entries_product_search ON entries USING gin ((${foldSql('product_name')}) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_organisations_name_search ON organisations USING gin ((${foldSql('name')}) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_organisations_tax_code_search ON organisations USING gin (tax_code gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_certificates_product_search ON certificates USING gin ((${foldSql('product_name')}) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_schemes_title_search ON schemes USING gin ((${foldSql('title')}) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_schemes_code_search ON schemes USING gin (lower(code) gin_trgm_ops)`);
    // Sorted pages walk these instead of sorting everything the caller may see.
    await queryRunner.query(`CREATE INDEX ix_schemes_year_code ON schemes (year DESC, code)`);
    await queryRunner.query(`CREATE INDEX ix_schemes_content_group_year ON schemes (content_group_code, year)`);
    await queryRunner.query(`CREATE INDEX ix_certificates_issued ON certificates (issued_on DESC, number)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'ix_certificates_issued',
      'ix_schemes_content_group_year',
      'ix_schemes_year_code',
      'ix_schemes_code_search',
      'ix_schemes_title_search',
      'ix_certificates_product_search',
      'ix_organisations_tax_code_search',
      'ix_organisations_name_search',
      'ix_entries_product_search',
    ]) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    // pg_trgm stays: other objects may have come to use it.
  }
}
