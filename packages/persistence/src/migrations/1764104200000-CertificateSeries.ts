import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Certificate numbers are counted per series — what a number says before its year: `T-GL` for the province of
 * Gia Lai, `X-…` for a commune, `KV` for regional and `QG` for national certificates — instead of one counter
 * per level for the whole country. Each province's certificates of a year are numbered from 0001, and
 * provinces deciding at the same time no longer queue on one counter row. Two units whose initials coincide
 * (Lai Châu and Lào Cai are both `LC`) share a series, so numbers stay unique (uq_certificates_number). Counters
 * start after the highest number already issued in each series.
 */
export class CertificateSeries1764104200000 implements MigrationInterface {
  name = 'CertificateSeries1764104200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE certificate_counters ADD COLUMN series text`);
    await queryRunner.query(`DELETE FROM certificate_counters`);
    await queryRunner.query(
      `INSERT INTO certificate_counters (level, series, year, last_value)
       SELECT level, regexp_replace(number, '-\\d{4}-\\d+$', ''), year, max(sequence)
         FROM certificates GROUP BY level, regexp_replace(number, '-\\d{4}-\\d+$', ''), year`,
    );
    await queryRunner.query(`ALTER TABLE certificate_counters ALTER COLUMN series SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE certificate_counters DROP CONSTRAINT pk_certificate_counters`);
    await queryRunner.query(`ALTER TABLE certificate_counters ADD CONSTRAINT pk_certificate_counters PRIMARY KEY (series, year)`);
    await queryRunner.query(`ALTER TABLE certificates DROP CONSTRAINT uq_certificates_level_year_sequence`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one counter per (level, year): each starts after the highest sequence of its level and year.
    await queryRunner.query(`ALTER TABLE certificate_counters DROP CONSTRAINT pk_certificate_counters`);
    await queryRunner.query(`DELETE FROM certificate_counters`);
    await queryRunner.query(`ALTER TABLE certificate_counters DROP COLUMN series`);
    await queryRunner.query(
      `INSERT INTO certificate_counters (level, year, last_value) SELECT level, year, max(sequence) FROM certificates GROUP BY level, year`,
    );
    await queryRunner.query(`ALTER TABLE certificate_counters ADD CONSTRAINT pk_certificate_counters PRIMARY KEY (level, year)`);
    await queryRunner.query(`ALTER TABLE certificates ADD CONSTRAINT uq_certificates_level_year_sequence UNIQUE (level, year, sequence)`);
  }
}
