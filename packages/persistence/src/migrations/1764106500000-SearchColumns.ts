import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { foldSql } from '../fold.js';

/** The folded text columns: table, column written by PostgreSQL, the text it folds, the expression index it replaces. */
const FOLDED = [
  { table: 'entries', column: 'product_search', source: 'product_name', replaces: 'ix_entries_product_search' },
  { table: 'organisations', column: 'name_search', source: 'name', replaces: 'ix_organisations_name_search' },
  { table: 'certificates', column: 'product_search', source: 'product_name', replaces: 'ix_certificates_product_search' },
  { table: 'schemes', column: 'title_search', source: 'title', replaces: 'ix_schemes_title_search' },
] as const;

/**
 * The searched texts, folded once when written instead of at every search (issue 14's list benchmark). With trigram
 * indexes on the folding EXPRESSION (ListSearchIndexes), PostgreSQL still re-evaluated `translate()` on every row
 * the index found, to recheck the match: about 35 µs a row, 260 ms for a word found in 7,000 entries. A STORED
 * generated column holds the folded text (the same foldSql, so nothing can drift), the trigram index is built on the
 * column, and the recheck is a plain LIKE on stored text. The lists' searches name these columns (`*_search`).
 *
 * ix_entries_round_group: the entry list filtered by year or level (the rounds of that year) and product group,
 * answered from the index alone (it carries the establishment for the sort by establishment name).
 */
export class SearchColumns1764106500000 implements MigrationInterface {
  name = 'SearchColumns1764106500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column, source, replaces } of FOLDED) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN ${column} text GENERATED ALWAYS AS (${foldSql(source)}) STORED`);
      await queryRunner.query(`DROP INDEX ${replaces}`);
      await queryRunner.query(`CREATE INDEX ${replaces} ON ${table} USING gin (${column} gin_trgm_ops)`);
    }
    await queryRunner.query(`CREATE INDEX ix_entries_round_group ON entries (round_id, product_group) INCLUDE (establishment_id, instance_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_entries_round_group`);
    for (const { table, column, source, replaces } of [...FOLDED].reverse()) {
      await queryRunner.query(`DROP INDEX ${replaces}`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      await queryRunner.query(`CREATE INDEX ${replaces} ON ${table} USING gin ((${foldSql(source)}) gin_trgm_ops)`);
    }
  }
}
